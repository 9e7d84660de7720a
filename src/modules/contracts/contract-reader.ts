import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { Decimal, formatDecimal, ZERO } from '../../kernel/money/money.ts';
import { minorUnitsOf } from '../../kernel/money/currency-minor-units.ts';
import { formatMoney } from '../../kernel/money/rounding.ts';
import type { ContractLineView, ContractSegmentView, ContractView } from './contract-view.ts';
import type { ContractLinesTable, ContractSegmentsTable, ContractsTable } from './contracts-tables.ts';

export interface ContractReader {
  get(portalId: number, contractId: string): Promise<ContractView | undefined>;
  listForCompany(portalId: number, companyId: string): Promise<ContractView[]>;
  listForDeal(portalId: number, dealId: string): Promise<ContractView[]>;
}

/**
 * Reads contracts as ContractView (what billing, revenue and the cards see). `today` decides which
 * segments are in force for a line's current quantity (a date before the line starts counts as its
 * start, after it ends as its end, so a future or expired contract still shows what was sold).
 */
export function createContractReader(
  db: Kysely<DatabaseSchema>,
  options: { today?: () => string } = {},
): ContractReader {
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const load = (portalId: number, rows: Selectable<ContractsTable>[]): Promise<ContractView[]> => {
    const day = today();
    return loadViews(db, portalId, rows, () => day);
  };
  return {
    async get(portalId, contractId) {
      const rows = await db
        .selectFrom('contracts')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('id', '=', contractId)
        .execute();
      return (await load(portalId, rows))[0];
    },
    async listForCompany(portalId, companyId) {
      const rows = await db
        .selectFrom('contracts')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('company_id', '=', companyId)
        .orderBy('start_date', 'desc')
        .orderBy('number', 'desc')
        .execute();
      return load(portalId, rows);
    },
    async listForDeal(portalId, dealId) {
      const rows = await db
        .selectFrom('contracts')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('deal_id', '=', dealId)
        .orderBy('start_date', 'desc')
        .orderBy('number', 'desc')
        .execute();
      return load(portalId, rows);
    },
  };
}

/** Views of many contracts at once, each line's quantity as of `dayOf(contract)`. */
async function loadViews(
  db: Kysely<DatabaseSchema>,
  portalId: number,
  rows: Selectable<ContractsTable>[],
  dayOf: (row: Selectable<ContractsTable>) => string,
): Promise<ContractView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const lines = await db
    .selectFrom('contract_lines')
    .selectAll()
    .where('portal_id', '=', portalId)
    .where('contract_id', 'in', ids)
    .orderBy('contract_id')
    .orderBy('position')
    .execute();
  const segments = await db
    .selectFrom('contract_segments')
    .selectAll()
    .where('portal_id', '=', portalId)
    .where('contract_id', 'in', ids)
    .orderBy('start_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const linesByContract = groupBy(lines, (line) => line.contract_id);
  const segmentsByLine = groupBy(segments, (segment) => segment.line_id);
  return rows.map((row) => toView(row, linesByContract.get(row.id) ?? [], segmentsByLine, dayOf(row)));
}

/**
 * Views of these contracts with each line's quantity as of its contract's end date (what a
 * renewal renews). One query per table for the whole batch.
 */
export async function readContractsAtEnd(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  ids: readonly string[],
): Promise<ContractView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('contracts')
    .selectAll()
    .where('portal_id', '=', portalId)
    .where('id', 'in', [...ids])
    .execute();
  return loadViews(db, portalId, rows, (row) => row.end_date);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Lists a portal's contracts, newest first (CLI `cpq contracts list`). */
export async function listContracts(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  limit: number,
): Promise<
  {
    id: string;
    number: string;
    status: string;
    companyId: string | null;
    dealId: string;
    startDate: string;
    endDate: string;
    currency: string;
  }[]
> {
  const rows = await db
    .selectFrom('contracts')
    .select(['id', 'number', 'status', 'company_id', 'deal_id', 'start_date', 'end_date', 'currency'])
    .where('portal_id', '=', portalId)
    .orderBy('number', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    companyId: r.company_id,
    dealId: r.deal_id,
    startDate: r.start_date,
    endDate: r.end_date,
    currency: r.currency,
  }));
}

function toView(
  row: Selectable<ContractsTable>,
  contractLines: readonly Selectable<ContractLinesTable>[],
  segmentsByLine: ReadonlyMap<string, Selectable<ContractSegmentsTable>[]>,
  today: string,
): ContractView {
  let total: Decimal = ZERO;
  let annual: Decimal = ZERO;
  const lines: ContractLineView[] = contractLines.map((line) => {
    const segments = segmentsByLine.get(line.id) ?? [];
    const asOf = today < line.start_date ? line.start_date : today > line.end_date ? line.end_date : today;
    const quantity = segments
      .filter((segment) => segment.start_date <= asOf && asOf <= segment.end_date)
      .reduce((sum, segment) => sum.plus(segment.quantity), ZERO);
    const netTotal = segments.reduce((sum, segment) => sum.plus(segment.net_amount), ZERO);
    total = total.plus(netTotal);
    if (line.kind === 'subscription' && line.term_months !== null) {
      // ARR = 12 x MRR; MRR of a subscription = its net price per term / term months x quantity.
      annual = annual.plus(new Decimal(line.net_unit_price).times(quantity).times(12).div(line.term_months));
    }
    return {
      id: line.id,
      kind: line.kind,
      sku: line.sku,
      name: line.name,
      quantity: formatDecimal(quantity),
      startDate: line.start_date,
      endDate: line.end_date,
      listUnitPrice: line.list_unit_price,
      netUnitPrice: line.net_unit_price,
      customerUnitPrice: line.customer_unit_price,
      termMonths: line.term_months,
      netTotal: money(netTotal, row.currency),
      segments: segments.map((segment): ContractSegmentView => ({
        id: segment.id,
        quantity: segment.quantity,
        startDate: segment.start_date,
        endDate: segment.end_date,
        netUnitPrice: segment.net_unit_price,
        netAmount: segment.net_amount,
        sourceQuoteId: segment.source_quote_id,
      })),
    };
  });
  return {
    id: row.id,
    portalId: Number(row.portal_id),
    number: row.number,
    dealId: row.deal_id,
    companyId: row.company_id,
    quoteId: row.quote_id,
    status: row.status,
    currency: row.currency,
    startDate: row.start_date,
    endDate: row.end_date,
    totalValue: money(total, row.currency),
    arr: money(annual, row.currency),
    renewalGroup: row.renewal_group,
    lines,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function money(amount: Decimal, currency: string): string {
  return formatMoney(amount, minorUnitsOf(currency), 'half-up');
}
