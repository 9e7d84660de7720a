import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { ContractLineKind, ContractTrigger } from './contracts-tables.ts';

type Db = Kysely<DatabaseSchema>;

export interface OrderInsert {
  id: string;
  quoteId: string;
  dealId: string;
  companyId: string | null;
  currency: string;
  orderDate: string;
  netTotal: string;
  trigger: ContractTrigger;
}

export interface ContractInsert {
  id: string;
  number: string;
  orderId: string;
  quoteId: string;
  dealId: string;
  companyId: string | null;
  currency: string;
  startDate: string;
  endDate: string;
  renewalGroup: string | null;
  renewalPricing: 'same' | 'list' | 'uplift';
  upliftPercent: string | null;
  renewedFromId: string | null;
}

export interface LineInsert {
  id: string;
  position: number;
  kind: ContractLineKind;
  sku: string;
  name: string;
  startDate: string;
  endDate: string;
  listUnitPrice: string;
  regularUnitPrice: string;
  customerUnitPrice: string;
  netUnitPrice: string;
  termMonths: string | null;
}

export interface SegmentInsert {
  id: string;
  lineId: string;
  quantity: string;
  startDate: string;
  endDate: string;
  netUnitPrice: string;
  netAmount: string;
  sourceQuoteId: string;
}

/** Writes of the contracts tables; every call runs inside the caller's transaction. */
export const contractWriteRepository = {
  /** Inserts the order unless the quote already has one; undefined = it had (idempotent creation). */
  async insertOrderOnce(trx: Db, portalId: PortalId, order: OrderInsert): Promise<string | undefined> {
    const row = await trx
      .insertInto('contract_orders')
      .values({
        id: order.id,
        portal_id: portalId,
        quote_id: order.quoteId,
        deal_id: order.dealId,
        company_id: order.companyId,
        currency: order.currency,
        order_date: order.orderDate,
        net_total: order.netTotal,
        trigger: order.trigger,
      })
      .onConflict((oc) => oc.columns(['portal_id', 'quote_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  },

  async insertOrderItems(
    trx: Db,
    portalId: PortalId,
    orderId: string,
    items: readonly {
      lineId: string;
      sku: string;
      name: string;
      kind: ContractLineKind;
      quantity: string;
      netUnitPrice: string;
      netTotal: string;
    }[],
  ): Promise<void> {
    if (items.length === 0) return;
    await trx
      .insertInto('contract_order_items')
      .values(
        items.map((item) => ({
          portal_id: portalId,
          order_id: orderId,
          line_id: item.lineId,
          sku: item.sku,
          name: item.name,
          kind: item.kind,
          quantity: item.quantity,
          net_unit_price: item.netUnitPrice,
          net_total: item.netTotal,
        })),
      )
      .execute();
  },

  /** The next contract number of the portal (C-000001, ...): the counter row serialises writers. */
  async nextNumber(trx: Db, portalId: PortalId): Promise<string> {
    const row = await trx
      .insertInto('contract_number_counters')
      .values({ portal_id: portalId, last_number: 1 })
      .onConflict((oc) =>
        oc
          .column('portal_id')
          .doUpdateSet((eb) => ({ last_number: eb('contract_number_counters.last_number', '+', 1) })),
      )
      .returning('last_number')
      .executeTakeFirstOrThrow();
    return `C-${String(row.last_number).padStart(6, '0')}`;
  },

  async insertContract(trx: Db, portalId: PortalId, contract: ContractInsert): Promise<void> {
    await trx
      .insertInto('contracts')
      .values({
        id: contract.id,
        portal_id: portalId,
        number: contract.number,
        order_id: contract.orderId,
        quote_id: contract.quoteId,
        deal_id: contract.dealId,
        company_id: contract.companyId,
        status: 'active',
        currency: contract.currency,
        start_date: contract.startDate,
        end_date: contract.endDate,
        renewal_group: contract.renewalGroup,
        renewal_pricing: contract.renewalPricing,
        uplift_percent: contract.upliftPercent,
        renewed_from_id: contract.renewedFromId,
      })
      .execute();
  },

  async insertLines(trx: Db, portalId: PortalId, contractId: string, lines: readonly LineInsert[]): Promise<void> {
    if (lines.length === 0) return;
    await trx
      .insertInto('contract_lines')
      .values(
        lines.map((line) => ({
          id: line.id,
          portal_id: portalId,
          contract_id: contractId,
          position: line.position,
          kind: line.kind,
          sku: line.sku,
          name: line.name,
          start_date: line.startDate,
          end_date: line.endDate,
          list_unit_price: line.listUnitPrice,
          regular_unit_price: line.regularUnitPrice,
          customer_unit_price: line.customerUnitPrice,
          net_unit_price: line.netUnitPrice,
          term_months: line.termMonths,
          uplift_percent: null,
        })),
      )
      .execute();
  },

  /** Appends segments (quantity history); a segment already recorded for its source quote is skipped. */
  async appendSegments(
    trx: Db,
    portalId: PortalId,
    contractId: string,
    segments: readonly SegmentInsert[],
  ): Promise<number> {
    if (segments.length === 0) return 0;
    const rows = await trx
      .insertInto('contract_segments')
      .values(
        segments.map((segment) => ({
          id: segment.id,
          portal_id: portalId,
          contract_id: contractId,
          line_id: segment.lineId,
          quantity: segment.quantity,
          start_date: segment.startDate,
          end_date: segment.endDate,
          net_unit_price: segment.netUnitPrice,
          net_amount: segment.netAmount,
          source_quote_id: segment.sourceQuoteId,
        })),
      )
      .onConflict((oc) => oc.columns(['portal_id', 'line_id', 'source_quote_id']).doNothing())
      .returning('id')
      .execute();
    return rows.length;
  },

  async contractIdForQuote(db: Db, portalId: PortalId, quoteId: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('contracts')
      .select('id')
      .where('portal_id', '=', portalId)
      .where('quote_id', '=', quoteId)
      .executeTakeFirst();
    return row?.id;
  },
};
