import { z } from 'zod';

/**
 * Invoice / credit-note number formats: literal text with `{YYYY}` (year of the document date),
 * `{MM}` (its month), `{SEQ}` or `{SEQ:n}` (the gapless per-portal sequence, zero-padded to n
 * digits). `INV-{YYYY}-{SEQ:6}` + 2026-03-01 + 123 -> `INV-2026-000123`. A format must contain the
 * sequence, or two documents could get the same number.
 */
const TOKEN = /\{(YYYY|MM|SEQ(?::(\d{1,2}))?)\}/g;

export const NumberFormatSchema = z
  .string()
  .min(1)
  .max(60)
  .refine((format) => /\{SEQ(?::\d{1,2})?\}/.test(format), 'must contain {SEQ} or {SEQ:n}')
  .refine((format) => !/[{}]/.test(format.replace(TOKEN, '')), 'only {YYYY}, {MM}, {SEQ} and {SEQ:n} are allowed');

export const DEFAULT_INVOICE_NUMBER_FORMAT = 'INV-{YYYY}-{SEQ:6}';
export const DEFAULT_CREDIT_NOTE_NUMBER_FORMAT = 'CN-{YYYY}-{SEQ:6}';

export function formatDocumentNumber(format: string, isoDate: string, sequence: number): string {
  return format.replace(TOKEN, (_match, token: string, width: string | undefined) => {
    if (token === 'YYYY') return isoDate.slice(0, 4);
    if (token === 'MM') return isoDate.slice(5, 7);
    return String(sequence).padStart(width === undefined ? 1 : Number.parseInt(width, 10), '0');
  });
}
