import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { revenueRowPages, type RevenueExportRow } from './revenue-report-repository.ts';

/** Column order of the export (one row per contract line x month), same names as the JSON rows. */
export const REVENUE_CSV_COLUMNS = ['contractId', 'dealId', 'lineId', 'sku', 'currency', 'period', 'amount'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(row: RevenueExportRow): string {
  return `${REVENUE_CSV_COLUMNS.map((column) => csvField(row[column])).join(',')}\r\n`;
}

/**
 * Streams the revenue schedule of [from, to] as CSV: one page of rows is read, written, and only
 * then the next page is read; a full output buffer pauses the reading (`drain`), so memory stays
 * constant whatever the number of rows. Returns the number of data rows.
 */
export async function writeRevenueCsv(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  range: { from: string; to: string },
  out: Writable,
  pageSize = 10_000,
): Promise<number> {
  let count = 0;
  const emit = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await emit(`${REVENUE_CSV_COLUMNS.join(',')}\r\n`);
  for await (const page of revenueRowPages(db, portalId, range, pageSize)) {
    let chunk = '';
    for (const row of page) chunk += csvLine(row);
    count += page.length;
    await emit(chunk);
  }
  return count;
}
