import { sql, type Insertable, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { RevenueContractsTable } from './revenue-tables.ts';

type Db = Kysely<DatabaseSchema>;

export interface ScheduleRowWrite {
  contractId: string;
  lineId: string;
  period: string;
  amount: string;
}

/**
 * Rows per INSERT. Columns travel as five array parameters through `unnest`, so a batch is one
 * statement with five parameters whatever its size: 3.6 million rows take 180 round trips.
 */
export const ROW_BATCH = 20_000;

/** revenue_contracts, revenue_contract_lines and revenue_schedule_rows (migration 0400). */
export const revenueScheduleRepository = {
  async getContract(db: Db, portalId: PortalId, contractId: string, options: { lock?: boolean } = {}) {
    let query = db
      .selectFrom('revenue_contracts')
      .selectAll()
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId);
    if (options.lock) query = query.forUpdate();
    return query.executeTakeFirst();
  },

  async upsertContract(
    db: Db,
    row: Omit<Insertable<RevenueContractsTable>, 'scheduled_at' | 'portal_id'> & { portal_id: PortalId },
  ): Promise<void> {
    const { portal_id: _portal, contract_id: _contract, ...changes } = row;
    await db
      .insertInto('revenue_contracts')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['portal_id', 'contract_id']).doUpdateSet({ ...changes, scheduled_at: new Date() }),
      )
      .execute();
  },

  async contractLines(db: Db, portalId: PortalId, contractId: string) {
    return db
      .selectFrom('revenue_contract_lines')
      .selectAll()
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId)
      .execute();
  },

  /** SSP snapshots are written once (inception, or the amendment that added the line); allocations follow. */
  async upsertContractLines(
    db: Db,
    portalId: PortalId,
    contractId: string,
    lines: ReadonlyArray<{ lineId: string; sku: string; unitSsp: string; sspSource: string; allocated: string }>,
  ): Promise<void> {
    if (lines.length === 0) return;
    await db
      .insertInto('revenue_contract_lines')
      .values(
        lines.map((line) => ({
          portal_id: portalId,
          contract_id: contractId,
          line_id: line.lineId,
          sku: line.sku,
          unit_ssp: line.unitSsp,
          ssp_source: line.sspSource,
          allocated: line.allocated,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['portal_id', 'contract_id', 'line_id'])
          .doUpdateSet((eb) => ({ allocated: eb.ref('excluded.allocated') })),
      )
      .execute();
  },

  /** Sum per line of the months before `beforePeriod` (what a modification must leave untouched). */
  async frozenByLine(db: Db, portalId: PortalId, contractId: string, beforePeriod: string) {
    return db
      .selectFrom('revenue_schedule_rows')
      .select(['line_id', (eb) => eb.fn.sum<string>('amount').as('amount')])
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId)
      .where('period', '<', beforePeriod)
      .groupBy('line_id')
      .execute();
  },

  /** Deletes the contract's rows from `fromPeriod` on (all rows when null). */
  async deleteRows(db: Db, portalId: PortalId, contractId: string, fromPeriod: string | null): Promise<void> {
    let query = db
      .deleteFrom('revenue_schedule_rows')
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId);
    if (fromPeriod !== null) query = query.where('period', '>=', fromPeriod);
    await query.execute();
  },

  /** Batched multi-row insert (see ROW_BATCH); `rows` may be a generator, so callers need not hold them all. */
  async insertRows(db: Db, portalId: PortalId, rows: Iterable<ScheduleRowWrite>): Promise<number> {
    let written = 0;
    let batch: ScheduleRowWrite[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await sql`
        insert into revenue_schedule_rows (portal_id, contract_id, line_id, period, amount)
        select ${portalId}::bigint, c, l, p, a::numeric
        from unnest(${batch.map((r) => r.contractId)}::text[], ${batch.map((r) => r.lineId)}::text[],
                    ${batch.map((r) => r.period)}::text[], ${batch.map((r) => r.amount)}::text[]) as t(c, l, p, a)`.execute(
        db,
      );
      written += batch.length;
      batch = [];
    };
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= ROW_BATCH) await flush();
    }
    await flush();
    return written;
  },

  async rowsOfContract(db: Db, portalId: PortalId, contractId: string) {
    return db
      .selectFrom('revenue_schedule_rows')
      .select(['line_id', 'period', 'amount'])
      .where('portal_id', '=', portalId)
      .where('contract_id', '=', contractId)
      .orderBy('line_id')
      .orderBy('period')
      .execute();
  },
};
