import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../src/kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../src/kernel/db/portal-id.ts';
import type { DomainEvents } from '../../src/kernel/jobs/domain-events.ts';
import { priceQuote } from '../../src/modules/pricing/index.ts';
import { quoteRepository } from '../../src/modules/quotes/quote-repository.ts';
import type { StoredQuoteLine } from '../../src/modules/quotes/quote-record.ts';

export const PORTAL: PortalId = toPortalId(62515);

/** Our own fake of the domain-event port: records what was published and whether in a transaction. */
export function recordingEvents(options: { failOn?: string } = {}): Pick<DomainEvents, 'publish'> & {
  published: { event: string; data: object; inTransaction: boolean }[];
} {
  const published: { event: string; data: object; inTransaction: boolean }[] = [];
  return {
    published,
    async publish(event, data, publishOptions) {
      if (event === options.failOn) throw new Error(`simulated crash while publishing ${event}`);
      published.push({ event, data, inTransaction: publishOptions?.trx !== undefined });
    },
  };
}

/**
 * A saved quote: 10 SEAT (1,200 a year, 10% off -> 1,080) for 12 months and one SETUP (500, one-time),
 * priced by the real engine so the snapshot is what the quote module stores.
 */
export async function insertQuote(
  db: Kysely<DatabaseSchema>,
  options: { id?: string; dealId?: string; companyId?: string | null; isPrimary?: boolean; portalId?: PortalId } = {},
): Promise<string> {
  const id = options.id ?? 'q-1';
  const lines: StoredQuoteLine[] = [
    { id: 'l1', sku: 'SEAT', name: 'Seat', quantity: '10', additionalDiscount: { percent: '10' }, termMonths: null },
    { id: 'l2', sku: 'SETUP', name: 'Setup', quantity: '1', additionalDiscount: null, termMonths: null },
  ];
  const priced = priceQuote({
    currency: 'USD',
    term: { months: '12' },
    catalog: {
      products: [
        { sku: 'SEAT', prices: { USD: '1200' }, recurring: { defaultTermMonths: '12' } },
        { sku: 'SETUP', prices: { USD: '500' } },
      ],
    },
    lines: lines.map((line) => ({
      id: line.id,
      sku: line.sku,
      quantity: line.quantity,
      ...(line.additionalDiscount ? { additionalDiscount: line.additionalDiscount } : {}),
    })),
  });
  await quoteRepository.insert(db, options.portalId ?? PORTAL, {
    id,
    dealId: options.dealId ?? 'deal-1',
    companyId: options.companyId === undefined ? 'company-1' : options.companyId,
    title: 'Quote',
    currency: 'USD',
    isPrimary: options.isPrimary ?? true,
    revision: 1,
    expirationDate: '2026-12-31',
    settings: { termMonths: '12', options: {} },
    lines,
    priced,
    priceInputsHash: 'hash',
    clonedFrom: null,
    userId: null,
  });
  return id;
}

/** Row counts of every contracts table for the portal. */
export async function contractRowCounts(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId = PORTAL,
): Promise<Record<string, number>> {
  const tables = [
    'contract_orders',
    'contract_order_items',
    'contracts',
    'contract_lines',
    'contract_segments',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('portal_id', '=', portalId)
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
