import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError } from '../../kernel/errors/app-error.ts';

const CsvOutput = z.array(
  z.object({ record: z.array(z.string()), info: z.object({ bytes: z.number() }), raw: z.string() }),
);

/** One CSV record: its fields and the line it starts on (1-based; a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV through csv-parse (https://csv.js.org/parse/options/): a leading BOM is dropped,
 * quoted fields may hold commas, doubled quotes and newlines; blank lines are skipped. Every
 * record must have as many fields as the header. Anything else (a quote that is never closed, a
 * quote inside an unquoted field, a short or long record) refuses the whole file naming the line
 * where the offending record starts: a reader that guessed would import shifted or merged rows.
 */
export function readCsvRecords(text: string, code: string): CsvRecord[] {
  const bytes = Buffer.from(text, 'utf8');
  // Line of a byte offset: csv-parse reports byte offsets exactly whatever the line ends.
  const lineAt = (offset: number): number => {
    let line = 1;
    for (let i = 0; i < offset && i < bytes.length; i += 1) if (bytes[i] === 0x0a) line += 1;
    return line;
  };
  const records: CsvRecord[] = [];
  let lastEnd = 0;
  try {
    const output: unknown = parse(bytes, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      // Files edited on different systems mix line ends.
      record_delimiter: ['\r\n', '\n'],
      on_record: (record, context) => {
        lastEnd = context.bytes;
        return record;
      },
    });
    // With `info` and `raw` each record comes wrapped (the library's types do not say so).
    for (const { record, info, raw } of CsvOutput.parse(output)) {
      // `raw` holds the blank lines skipped before the record: start after them.
      const blank = /^(\r?\n)*/.exec(raw)?.[0] ?? '';
      records.push({ line: lineAt(info.bytes - Buffer.byteLength(raw) + blank.length), fields: record });
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The failing record starts on the first non-blank line after the last good record.
    let offset = lastEnd;
    while (bytes[offset] === 0x0a || (bytes[offset] === 0x0d && bytes[offset + 1] === 0x0a))
      offset += bytes[offset] === 0x0d ? 2 : 1;
    const line = lineAt(offset);
    throw new AppError('validation', code, `CSV line ${line}: ${describe(error)}`, {
      issues: [{ path: `line ${line}`, message: describe(error) }],
      cause: error,
    });
  }
  return records;
}

function describe(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted field (quote the whole field and double the quote: "x""y")';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'the record does not have as many fields as the header';
    default:
      return error.message;
  }
}
