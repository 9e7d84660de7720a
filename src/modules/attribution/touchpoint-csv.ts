import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { ErrorIssue } from '../../kernel/errors/app-error.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { ATTRIBUTION_ERROR_CODES } from './attribution-error-codes.ts';

const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL');

/** One CSV row: `deal_id,touch_id,occurred_at,campaign,channel,contact_id` (channel, contact optional). */
const TouchpointRow = z.strictObject({
  deal_id: Text(100),
  touch_id: Text(200),
  occurred_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' }),
  campaign: Text(500),
  channel: Text(100).optional(),
  contact_id: Text(100).optional(),
});

export interface TouchpointInput {
  dealId: string;
  touchId: string;
  occurredAt: string;
  campaign: string;
  channel: string | null;
  contactId: string | null;
}

/**
 * Parses a touchpoint CSV (for teams with their own UTM tracking) with csv-parse: every bad row is
 * reported with its line number and field; nothing is returned unless every row is valid, so an
 * import writes all rows or none.
 */
export function parseTouchpointCsv(text: string): TouchpointInput[] {
  let records: Array<{ record: Record<string, string>; line: number }>;
  try {
    records = (
      parse(text, {
        bom: true,
        columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
        skip_empty_lines: true,
        info: true,
        relax_column_count: false,
      }) as Array<{ record: Record<string, string>; info: { lines: number } }>
    ).map(({ record, info }) => ({ record, line: info.lines }));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable CSV';
    throw new AppError('validation', ATTRIBUTION_ERROR_CODES.touchpointImportInvalid, `Invalid CSV: ${message}`, {
      issues: [{ path: 'file', message }],
    });
  }
  const issues: ErrorIssue[] = [];
  const rows: TouchpointInput[] = [];
  const seen = new Set<string>();
  for (const { record, line } of records) {
    const cleaned = Object.fromEntries(Object.entries(record).filter(([, value]) => value.trim() !== ''));
    const result = TouchpointRow.safeParse(cleaned);
    if (!result.success) {
      for (const issue of result.error.issues) {
        issues.push({
          path: `line ${line}${issue.path.length ? `.${issue.path.join('.')}` : ''}`,
          message: issue.message,
        });
      }
      continue;
    }
    const key = `${result.data.deal_id}\u0000${result.data.touch_id}`;
    if (seen.has(key)) {
      issues.push({ path: `line ${line}.touch_id`, message: 'duplicate touch_id for this deal' });
      continue;
    }
    seen.add(key);
    rows.push({
      dealId: result.data.deal_id,
      touchId: result.data.touch_id,
      occurredAt: result.data.occurred_at,
      campaign: result.data.campaign,
      channel: result.data.channel ?? null,
      contactId: result.data.contact_id ?? null,
    });
  }
  if (issues.length > 0) {
    throw new AppError(
      'validation',
      ATTRIBUTION_ERROR_CODES.touchpointImportInvalid,
      `${issues.length} invalid field(s) in the touchpoint file; nothing was imported`,
      { issues },
    );
  }
  return rows;
}
