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
    // The page reads revenue_schedule_rows alone, walking its primary key (portal, contract, line,
    // period) from the cursor; contract and line facts for the page are then read by key. A join
    // sorted by the planner instead costs a sort of every matching row per page.
    let query = db
      .selectFrom('revenue_schedule_rows')
      .select(['contract_id', 'line_id', 'period', 'amount'])
      .where('portal_id', '=', portalId)
      .where('period', '>=', range.from)
      .where('period', '<=', range.to);
    if (cursor) {
      query = query.where((eb) =>
        eb(
          eb.refTuple('portal_id', 'contract_id', 'line_id', 'period'),
          '>',
          eb.tuple(portalId, cursor.contractId, cursor.lineId, cursor.period),
        ),
      );
    }
    const rows = await query
      .orderBy('portal_id')
      .orderBy('contract_id')
      .orderBy('line_id')
      .orderBy('period')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const contractIds = [...new Set(rows.map((row) => row.contract_id))];
    const contracts = new Map(
      (
        await db
          .selectFrom('revenue_contracts')
          .select(['contract_id', 'deal_id', 'currency'])
          .where('portal_id', '=', portalId)
          .where('contract_id', 'in', contractIds)
          .execute()
      ).map((c) => [c.contract_id, c]),
    );
    const skus = new Map(
      (
        await db
          .selectFrom('revenue_contract_lines')
          .select(['contract_id', 'line_id', 'sku'])
          .where('portal_id', '=', portalId)
          .where('contract_id', 'in', contractIds)
          .where('line_id', 'in', [...new Set(rows.map((row) => row.line_id))])
          .execute()
      ).map((l) => [`${l.contract_id}\u0000${l.line_id}`, l.sku]),
    );
    return rows.map((row) => {
      const contract = contracts.get(row.contract_id);
      return {
        contractId: row.contract_id,
        dealId: contract?.deal_id ?? '',
        lineId: row.line_id,
        sku: skus.get(`${row.contract_id}\u0000${row.line_id}`) ?? '',
        currency: contract?.currency ?? '',
        period: row.period,
        amount: row.amount,
      };
    });
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
