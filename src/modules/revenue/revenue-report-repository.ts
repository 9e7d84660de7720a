import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';

type Db = Kysely<DatabaseSchema>;

/** One exported row: a contract line's revenue in one month (CSV and JSON carry the same fields). */
export interface RevenueExportRow {
  contractId: string;
  dealId: string;
  lineId: string;
  sku: string;
  currency: string;
  period: string;
  amount: string;
}

export interface RowCursor {
  contractId: string;
  lineId: string;
  period: string;
}

/** Reads for the waterfall, the row API and the streaming CSV export. */
export const revenueReportRepository = {
  /** Sums by currency, contract inception month and period: small whatever the number of rows. */
  async sumsByInceptionAndPeriod(db: Db, portalId: PortalId) {
    return db
      .selectFrom('revenue_schedule_rows as r')
      .innerJoin('revenue_contracts as c', (join) =>
        join.onRef('c.portal_id', '=', 'r.portal_id').onRef('c.contract_id', '=', 'r.contract_id'),
      )
      .select(['c.currency', 'c.inception_period', 'r.period', (eb) => eb.fn.sum<string>('r.amount').as('amount')])
      .where('r.portal_id', '=', portalId)
      .where('c.portal_id', '=', portalId)
      .groupBy(['c.currency', 'c.inception_period', 'r.period'])
      .execute();
  },

  /**
   * One page of rows in (contract, line, period) order, after `cursor`, periods within [from, to].
   * Keyset paging on the primary key: each page is an index range scan, so an export of millions
   * of rows reads in constant memory and constant time per page.
   */
  async page(
    db: Db,
    portalId: PortalId,
    range: { from: string; to: string },
    cursor: RowCursor | null,
    limit: number,
  ): Promise<RevenueExportRow[]> {
    let query = db
      .selectFrom('revenue_schedule_rows as r')
      .innerJoin('revenue_contracts as c', (join) =>
        join.onRef('c.portal_id', '=', 'r.portal_id').onRef('c.contract_id', '=', 'r.contract_id'),
      )
      .innerJoin('revenue_contract_lines as l', (join) =>
        join
          .onRef('l.portal_id', '=', 'r.portal_id')
          .onRef('l.contract_id', '=', 'r.contract_id')
          .onRef('l.line_id', '=', 'r.line_id'),
      )
      .select(['r.contract_id', 'c.deal_id', 'r.line_id', 'l.sku', 'c.currency', 'r.period', 'r.amount'])
      .where('r.portal_id', '=', portalId)
      .where('c.portal_id', '=', portalId)
      .where('l.portal_id', '=', portalId)
      .where('r.period', '>=', range.from)
      .where('r.period', '<=', range.to);
    if (cursor) {
      query = query.where((eb) =>
        eb(
          eb.refTuple('r.contract_id', 'r.line_id', 'r.period'),
          '>',
          eb.tuple(cursor.contractId, cursor.lineId, cursor.period),
        ),
      );
    }
    const rows = await query.orderBy('r.contract_id').orderBy('r.line_id').orderBy('r.period').limit(limit).execute();
    return rows.map((row) => ({
      contractId: row.contract_id,
      dealId: row.deal_id,
      lineId: row.line_id,
      sku: row.sku,
      currency: row.currency,
      period: row.period,
      amount: row.amount,
    }));
  },

  /** Recognised to date and deferred per currency for the contracts of one deal (or company). */
  async positionOf(db: Db, portalId: PortalId, filter: { dealId?: string; companyId?: string }, throughPeriod: string) {
    let query = db
      .selectFrom('revenue_contracts as c')
      .leftJoin('revenue_schedule_rows as r', (join) =>
        join
          .onRef('r.portal_id', '=', 'c.portal_id')
          .onRef('r.contract_id', '=', 'c.contract_id')
          .on('r.period', '<=', throughPeriod),
      )
      .select(['c.currency', (eb) => eb.fn.sum<string | null>('r.amount').as('recognized')])
      .where('c.portal_id', '=', portalId);
    if (filter.dealId !== undefined) query = query.where('c.deal_id', '=', filter.dealId);
    if (filter.companyId !== undefined) query = query.where('c.company_id', '=', filter.companyId);
    const recognized = await query.groupBy('c.currency').execute();
    let totals = db
      .selectFrom('revenue_contracts')
      .select(['currency', (eb) => eb.fn.sum<string>('transaction_price').as('total')])
      .where('portal_id', '=', portalId);
    if (filter.dealId !== undefined) totals = totals.where('deal_id', '=', filter.dealId);
    if (filter.companyId !== undefined) totals = totals.where('company_id', '=', filter.companyId);
    return { recognized, totals: await totals.groupBy('currency').execute() };
  },
};

/** All rows of [from, to] page by page (an async generator: the caller writes each page before the next is read). */
export async function* revenueRowPages(
  db: Db,
  portalId: PortalId,
  range: { from: string; to: string },
  pageSize = 10_000,
): AsyncGenerator<RevenueExportRow[]> {
  let cursor: RowCursor | null = null;
  for (;;) {
    const page = await revenueReportRepository.page(db, portalId, range, cursor, pageSize);
    if (page.length === 0) return;
    yield page;
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) return;
    cursor = { contractId: last.contractId, lineId: last.lineId, period: last.period };
  }
}
