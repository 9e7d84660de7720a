import { Decimal } from '../src/kernel/money/money.ts';
import type { PortalId } from '../src/kernel/db/portal-id.ts';
import type { HubSpotSandbox } from '../tools/hubspot-sandbox/hubspot-sandbox.ts';
import type {
  QuoteSyncLine,
  QuoteSyncSnapshot,
  QuoteSyncSource,
} from '../src/integrations/hubspot/sync/quote-sync-contract.ts';

/** What the benchmark's parent and its worker processes share (written as JSON for the workers). */
export interface SyncBenchFixture {
  sandboxUrl: string;
  accessToken: string;
  portalId: number;
  rateLimit: number;
  windowMs: number;
  timeoutMs: number;
  lines: number;
  quotes: Array<{ quoteId: string; dealId: string; contactId: string }>;
  database: { url: string; schema: string } | undefined;
}

/** Deterministic quote lines: both processes build the same snapshots from the fixture. */
export function benchLine(n: number): QuoteSyncLine {
  const quantity = new Decimal((n % 7) + 1);
  const unit = new Decimal(((n * 37) % 900) + 10).plus(new Decimal(n % 100).div(100));
  return {
    lineKey: `l${n}`,
    sku: `SKU-${n}`,
    name: `Bench product ${n}`,
    hubspotProductId: null,
    quantity: quantity.toFixed(0),
    netUnitPrice: unit.toFixed(2),
    netTotal: unit.times(quantity).toFixed(2),
    recurringBillingPeriod: n % 4 === 0 ? 'P12M' : null,
  };
}

export function benchSnapshot(fixture: SyncBenchFixture, index: number): QuoteSyncSnapshot | undefined {
  const quote = fixture.quotes[index];
  if (!quote) return undefined;
  const lines = Array.from({ length: fixture.lines }, (_, n) => benchLine(n + 1));
  const total = lines.reduce((sum, line) => sum.plus(line.netTotal), new Decimal(0));
  return {
    portalId: fixture.portalId as PortalId,
    quoteId: quote.quoteId,
    dealId: quote.dealId,
    revision: 1,
    isPrimary: true,
    title: `Bench quote ${index + 1}`,
    currency: 'USD',
    expirationDate: '2027-01-31',
    netTotal: total.toFixed(2),
    lines,
    contactIds: [quote.contactId],
    companyIds: [],
    archived: false,
  };
}

export function benchSource(fixture: SyncBenchFixture): QuoteSyncSource {
  const index = new Map(fixture.quotes.map((quote, position) => [quote.quoteId, position]));
  return {
    load: async (_portalId, quoteId) => {
      const position = index.get(quoteId);
      return position === undefined ? undefined : benchSnapshot(fixture, position);
    },
  };
}

export interface Verification {
  quotesExpected: number;
  hubspotQuotesFound: number;
  duplicateQuotes: number;
  lineItemsExpected: number;
  lineItemsFound: number;
  missingLineItems: number;
  duplicateLineItems: number;
  wrongValues: number;
  wrongAssociations: number;
  wrongDealAmounts: number;
  ok: boolean;
}

/** Reads the sandbox's state (not through the API: no rate limit, no faults) and checks every record. */
export function verifySandbox(sandbox: HubSpotSandbox, fixture: SyncBenchFixture): Verification {
  const state = sandbox.state;
  const portal = state.portal(fixture.portalId);
  const live = (type: string) => state.listObjects(type, fixture.portalId).filter((record) => !record.archived);
  const lineItems = new Map<string, Array<{ id: string; properties: Record<string, unknown> }>>();
  for (const record of live('line_items')) {
    const key = String(record.properties.cpq_sync_key ?? '');
    lineItems.set(key, [...(lineItems.get(key) ?? []), { id: record.id, properties: record.properties }]);
  }
  const quotes = new Map<string, string[]>();
  for (const record of live('quotes')) {
    const key = String(record.properties.cpq_sync_key ?? '');
    quotes.set(key, [...(quotes.get(key) ?? []), record.id]);
  }
  const deals = new Map(live('deals').map((record) => [record.id, record.properties]));
  const result: Verification = {
    quotesExpected: fixture.quotes.length,
    hubspotQuotesFound: 0,
    duplicateQuotes: 0,
    lineItemsExpected: fixture.quotes.length * fixture.lines * 2,
    lineItemsFound: 0,
    missingLineItems: 0,
    duplicateLineItems: 0,
    wrongValues: 0,
    wrongAssociations: 0,
    wrongDealAmounts: 0,
    ok: false,
  };
  fixture.quotes.forEach((quote, index) => {
    const snapshot = benchSnapshot(fixture, index);
    if (!snapshot) return;
    const quoteIds = quotes.get(quote.quoteId) ?? [];
    result.hubspotQuotesFound += quoteIds.length > 0 ? 1 : 0;
    result.duplicateQuotes += Math.max(0, quoteIds.length - 1);
    if (String(deals.get(quote.dealId)?.amount) !== snapshot.netTotal) result.wrongDealAmounts += 1;
    const parents = {
      deal: { typeId: '0-3', id: quote.dealId },
      quote: { typeId: '0-14', id: quoteIds[0] ?? '' },
    } as const;
    for (const target of ['deal', 'quote'] as const) {
      const associated = new Set(state.associations.list(portal, parents[target], '0-8').map((entry) => entry.toId));
      for (const line of snapshot.lines) {
        const found = lineItems.get(`${quote.quoteId}:${target}:${line.lineKey}`) ?? [];
        if (found.length === 0) result.missingLineItems += 1;
        result.lineItemsFound += found.length;
        result.duplicateLineItems += Math.max(0, found.length - 1);
        const [record] = found;
        if (!record) continue;
        if (
          String(record.properties.quantity) !== line.quantity ||
          String(record.properties.price) !== line.netUnitPrice
        )
          result.wrongValues += 1;
        if (!associated.has(record.id)) result.wrongAssociations += 1;
      }
      if (associated.size !== snapshot.lines.length)
        result.wrongAssociations += Math.abs(associated.size - snapshot.lines.length);
    }
  });
  result.ok =
    result.hubspotQuotesFound === result.quotesExpected &&
    result.duplicateQuotes === 0 &&
    result.lineItemsFound === result.lineItemsExpected &&
    result.missingLineItems +
      result.duplicateLineItems +
      result.wrongValues +
      result.wrongAssociations +
      result.wrongDealAmounts ===
      0;
  return result;
}
