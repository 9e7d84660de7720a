import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../src/kernel/db/db-schema.ts';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import type { ContractLineView, ContractView } from '../../src/modules/contracts/index.ts';
import type { ContractSource } from '../../src/modules/billing/contract-source.ts';

export const NOW = Date.parse('2026-01-10T08:00:00Z');

/** 10 seats at 1,200.00 a year each (100.00 a month), 2026-01-15..2027-01-14. */
export function seatLine(overrides: Partial<ContractLineView> = {}): ContractLineView {
  return {
    id: 'line-1',
    kind: 'subscription',
    sku: 'SEAT',
    name: 'Seat',
    customerUnitPrice: '1200.00',
    quantity: '10',
    startDate: '2026-01-15',
    endDate: '2027-01-14',
    listUnitPrice: '1200',
    netUnitPrice: '1200',
    termMonths: '12',
    netTotal: '12000.00',
    segments: [
      {
        id: 'seg-1',
        quantity: '10',
        startDate: '2026-01-15',
        endDate: '2027-01-14',
        netUnitPrice: '1200',
        netAmount: '12000.00',
        sourceQuoteId: 'q1',
      },
    ],
    ...overrides,
  };
}

export function contractView(id: string, portalId: PortalId, overrides: Partial<ContractView> = {}): ContractView {
  return {
    id,
    portalId,
    number: `C-${id}`,
    dealId: `deal-${id}`,
    companyId: `company-${id}`,
    quoteId: 'q1',
    status: 'active',
    currency: 'USD',
    startDate: '2026-01-15',
    endDate: '2027-01-14',
    totalValue: '12000.00',
    arr: '12000.00',
    renewalGroup: null,
    lines: [seatLine()],
    version: 1,
    createdAt: '2026-01-10T08:00:00Z',
    ...overrides,
  };
}

/** Our own fake of the contracts reader port. */
export class FakeContractSource implements ContractSource {
  readonly contracts = new Map<string, ContractView>();
  put(contract: ContractView): void {
    this.contracts.set(`${contract.portalId}:${contract.id}`, contract);
  }
  get(portalId: PortalId, contractId: string): Promise<ContractView | null> {
    return Promise.resolve(this.contracts.get(`${portalId}:${contractId}`) ?? null);
  }
}

export interface RecordedEvent {
  event: string;
  data: object;
}

/** Records published events (the outbox itself is covered by the kernel's tests). */
export function recordingEvents(): { events: RecordedEvent[]; publish(event: string, data: object): Promise<void> } {
  const events: RecordedEvent[] = [];
  return {
    events,
    publish(event, data) {
      events.push({ event, data });
      return Promise.resolve();
    },
  };
}

export async function invoiceRows(db: Kysely<DatabaseSchema>, portalId: PortalId) {
  return db
    .selectFrom('invoices')
    .select(['id', 'contract_id', 'status', 'number', 'sequence', 'invoice_date', 'total', 'due_date'])
    .where('portal_id', '=', portalId)
    .orderBy('invoice_date')
    .orderBy('contract_id')
    .execute();
}
