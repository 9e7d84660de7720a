import { AppError } from '../../kernel/errors/app-error.ts';
import { assertJsonDepth } from '../../kernel/text/json-depth.ts';
import { checkCsvHeader, csvRecordToRow } from './catalog-csv-row.ts';
import { readCsvRecords } from './csv-records.ts';
import { decodeImportFile } from './import-file-text.ts';

const CODE = 'CATALOG_FILE_INVALID';

/** One raw row of an import file and the line it starts on (1-based), for error reports. */
export interface RawRow {
  line: number;
  value: Record<string, unknown>;
}

export interface RawCatalogFile {
  products: RawRow[];
  discountSchedules: RawRow[];
}

/**
 * Reads a catalog file: JSON (`{ "products": [...], "discountSchedules": [...] }` or a bare array
 * of products) or CSV (one product per row, columns documented in docs/quotes.md). Only the file's
 * syntax is checked here; each row is validated by the importer so every bad row is reported.
 */
export function parseCatalogFile(input: string | Uint8Array, format: 'json' | 'csv'): RawCatalogFile {
  const text = decodeImportFile(input, CODE);
  if (format === 'json') return jsonRows(text);
  const { columns, rows } = readCsv(text);
  checkCsvHeader(columns);
  return { products: rows.map((row) => ({ line: row.line, value: csvRecordToRow(row.value) })), discountSchedules: [] };
}

/** Any import file as rows: a JSON array (or the array under `key`) or CSV records keyed by header. */
export function parseRowsFile(
  input: string | Uint8Array,
  format: 'json' | 'csv',
): { rows: RawRow[]; columns: string[] } {
  const text = decodeImportFile(input, CODE);
  if (format === 'csv') return readCsv(text);
  return { rows: jsonRows(text).products, columns: [] };
}

function jsonRows(text: string): RawCatalogFile {
  assertJsonDepth(text, CODE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError('validation', CODE, `File is not valid JSON: ${(error as Error).message}`, {
      issues: [{ path: '', message: 'not valid JSON' }],
    });
  }
  const lines = elementStartLines(text);
  const wrap = (items: unknown, key: string): RawRow[] => {
    if (items === undefined) return [];
    if (!Array.isArray(items)) {
      throw new AppError('validation', CODE, `"${key}" must be an array`, {
        issues: [{ path: key, message: 'must be an array' }],
      });
    }
    const starts = lines.get(key) ?? [];
    return items.map((value: unknown, index) => ({
      line: starts[index] ?? 0,
      value:
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : { __notAnObject: value },
    }));
  };
  if (Array.isArray(parsed)) return { products: wrap(parsed, ''), discountSchedules: [] };
  if (parsed === null || typeof parsed !== 'object') {
    throw new AppError('validation', CODE, 'File must hold a JSON object or array', {
      issues: [{ path: '', message: 'must be an object or array' }],
    });
  }
  const root = parsed as Record<string, unknown>;
  return {
    products: wrap(root['products'] ?? [], 'products'),
    discountSchedules: wrap(root['discountSchedules'], 'discountSchedules'),
  };
}

/**
 * Line on which each element of the root array ('' key) or of each array-valued key of the root
 * object starts: one pass over the text, tracking strings and nesting only (JSON.parse already
 * checked the syntax).
 */
function elementStartLines(text: string): Map<string, number[]> {
  const result = new Map<string, number[]>();
  // key !== null marks a tracked array: the root array ('') or an array value of the root object.
  const stack: Array<{ kind: '{' | '['; key: string | null }> = [];
  let line = 1;
  let lastString = '';
  let pendingKey = '';
  let awaitingValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') continue;
    const top = stack[stack.length - 1];
    if (top?.kind === '[' && top.key !== null && awaitingValue && ch !== ']') {
      push(result, top.key, line);
      awaitingValue = false;
    }
    if (ch === '"') {
      const start = i + 1;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
      }
      if (stack.length === 1 && stack[0]?.kind === '{') lastString = text.slice(start, i);
    } else if (ch === ':') {
      if (stack.length === 1) pendingKey = lastString;
    } else if (ch === ',') {
      if (top?.kind === '[' && top.key !== null) awaitingValue = true;
    } else if (ch === '{' || ch === '[') {
      let key: string | null = null;
      if (ch === '[' && stack.length === 0) key = '';
      else if (ch === '[' && stack.length === 1 && stack[0]?.kind === '{') key = pendingKey;
      stack.push({ kind: ch, key });
      awaitingValue = key !== null;
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      awaitingValue = false;
    }
  }
  return result;
}

function push(map: Map<string, number[]>, key: string, line: number): void {
  const list = map.get(key);
  if (list) list.push(line);
  else map.set(key, [line]);
}

/** CSV records keyed by the header row (csv-reader rules: csv-records.ts). */
function readCsv(text: string): { columns: string[]; rows: RawRow[] } {
  const records = readCsvRecords(text, CODE);
  const header = records.shift();
  if (!header || header.fields.every((f) => f.trim() === '')) {
    throw new AppError('validation', CODE, 'CSV file has no header row', {
      issues: [{ path: 'line 1', message: 'header row missing' }],
    });
  }
  const names = header.fields.map((f) => f.trim());
  const rows = records
    .filter((record) => record.fields.some((f) => f !== ''))
    .map((record) => ({
      line: record.line,
      value: Object.fromEntries(names.map((name, i) => [name, record.fields[i] ?? ''])) as Record<string, unknown>,
    }));
  return { columns: names, rows };
}
