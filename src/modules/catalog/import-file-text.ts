import { AppError } from '../../kernel/errors/app-error.ts';

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * An import file's bytes as text. Invalid UTF-8 refuses the file naming the first bad line
 * (decoding leniently would turn each bad byte into U+FFFD and import the damaged names silently).
 * A leading BOM is kept for the CSV/JSON readers to drop.
 */
export function decodeImportFile(input: string | Uint8Array, code: string): string {
  if (typeof input === 'string') return input;
  try {
    return strict.decode(input);
  } catch {
    const line = firstInvalidLine(input);
    throw new AppError('validation', code, `Line ${line} is not valid UTF-8`, {
      issues: [{ path: `line ${line}`, message: 'not valid UTF-8 (save the file as UTF-8)' }],
    });
  }
}

function firstInvalidLine(bytes: Uint8Array): number {
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        strict.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      start = i + 1;
      line += 1;
    }
  }
  return line;
}
