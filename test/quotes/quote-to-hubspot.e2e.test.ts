import type { QuoteSummaryResponse, QuoteView } from '../../extensions/app/cards/api/card-api-schemas.ts';
import { createQuoteSyncSource } from '../../src/modules/quotes/quote-sync-source.ts';
import { QUOTE_SYNC_QUEUE, type QuoteSyncJob } from '../../src/integrations/hubspot/sync/quote-sync-contract.ts';
import { syncQuote } from '../../src/integrations/hubspot/sync/quote-sync-engine.ts';
import {
  associatedIds,
  createDealAndContact,
  liveRecords,
  startSyncHarness,
  type SyncHarness,
} from '../sync/sync-harness.ts';
import { DATABASE_LABEL } from '../support/test-database.ts';
import { startQuoteApi, type QuoteApiHarness } from './quote-api-harness.ts';
import { waitFor } from '../support/wait-for.ts';

const CATALOG = JSON.stringify([
  { sku: 'LAPTOP', name: 'Laptop', prices: { USD: '234.56' } },
  { sku: 'SUPPORT', name: 'Support plan', prices: { USD: '1200' }, recurring: { defaultTermMonths: '12' } },
]);

// Issue #7 item 6: sandbox deal -> card API creates and prices quotes -> set primary -> the sync job
// (pg-boss worker running the real sync engine) -> the sandbox deal has matching line items and
// amount, and a HubSpot quote with its own line-item copies.
describe(`quote to HubSpot end to end on ${DATABASE_LABEL}`, () => {
  let hubspot: SyncHarness;
  let api: QuoteApiHarness;
  const results: string[] = [];

  beforeAll(async () => {
    hubspot = await startSyncHarness();
    api = await startQuoteApi({ portalId: hubspot.portalId });
    await api.importProducts(CATALOG);
    const db = api.http.database.db;
    const deps = { db, source: createQuoteSyncSource(db), clientFor: hubspot.deps.clientFor };
    await api.jobs.work<QuoteSyncJob>(QUOTE_SYNC_QUEUE, async (job) => void results.push(await syncQuote(deps, job)), {
      pollingIntervalSeconds: 0.5,
    });
  });
  afterAll(async () => {
    await api.close();
    await hubspot.close();
  });

  async function jobsSettled(): Promise<void> {
    await waitFor(
      async () => {
        const counts = await api.jobs.counts(QUOTE_SYNC_QUEUE);
        return !counts['created'] && !counts['active'] && !counts['retry'];
      },
      { what: 'quote sync jobs settled' },
    );
  }

  function lineItems(target: 'deal' | 'quote', ids?: ReadonlySet<string>) {
    return liveRecords(hubspot, 'line_items')
      .filter((record) => record.properties.cpq_sync_key?.includes(`:${target}:`) && (!ids || ids.has(record.id)))
      .map((record) => ({
        name: record.properties.name,
        quantity: record.properties.quantity,
        price: record.properties.price,
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  }

  test('the primary quote becomes the deal line items and amount, and a HubSpot quote with its own copies', async () => {
    const { dealId } = await createDealAndContact(hubspot);
    const first = await api.call('POST', `/v1/deals/${dealId}/quotes`, {
      currency: 'USD',
      lines: [{ sku: 'LAPTOP', quantity: '1' }],
    });
    expect(first.status).toBe(201);
    const second = await api.call('POST', `/v1/deals/${dealId}/quotes`, {
      currency: 'USD',
      title: 'Acme Q4',
      lines: [
        { sku: 'LAPTOP', quantity: '10', additionalDiscount: { percent: '20' } },
        { sku: 'SUPPORT', quantity: '2' },
      ],
    });
    const quote = (await second.json()) as QuoteView;
    expect(quote.totals.netTotal).toBe('4276.48');
    expect((await api.call('POST', `/v1/quotes/${quote.id}/primary`)).status).toBe(200);
    await jobsSettled();

    expect((await hubspot.client.crm.deals.basicApi.getById(dealId, ['amount'])).properties.amount).toBe('4276.48');
    const expected = [
      { name: 'Laptop', quantity: '10', price: '187.648' },
      { name: 'Support plan', quantity: '2', price: '1200' },
    ];
    expect(lineItems('deal')).toEqual(expected);
    const hubspotQuotes = liveRecords(hubspot, 'quotes').filter((q) => q.properties.cpq_quote_id === quote.id);
    expect(hubspotQuotes).toHaveLength(1);
    expect(hubspotQuotes[0]?.properties).toMatchObject({ hs_title: 'Acme Q4', hs_currency: 'USD' });
    const quoteLines = await associatedIds(hubspot, 'quotes', hubspotQuotes[0]?.id ?? '', 'line_items');
    const dealLines = await associatedIds(hubspot, 'deals', dealId, 'line_items');
    expect(quoteLines).toHaveLength(2);
    expect(dealLines).toHaveLength(2);
    // The HubSpot quote's line items are its own copies, never the deal's (HubSpot docs "CRM API: Quotes, Line items, Associations v4").
    expect(quoteLines.filter((q) => dealLines.some((d) => d.id === q.id))).toEqual([]);
    const copies = lineItems('quote', new Set(quoteLines.map((q) => q.id)));
    expect(copies).toEqual(expected);
    // The former primary (first quote) keeps its own HubSpot quote; the deal amount is the new primary's.
    expect(liveRecords(hubspot, 'quotes')).toHaveLength(2);
    expect(results).toContain('synced');
    const summary = (await (await api.call('GET', `/v1/deals/${dealId}/quote-summary`)).json()) as QuoteSummaryResponse;
    expect(summary).toMatchObject({
      quoteCount: 2,
      primary: { id: quote.id, sync: { state: 'synced' }, totals: expect.objectContaining({ netTotal: '4276.48' }) },
    });
  });
});
