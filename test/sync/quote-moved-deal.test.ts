import { syncQuote } from '../../src/integrations/hubspot/sync/quote-sync-engine.ts';
import {
  associatedIds,
  createDealAndContact,
  liveRecords,
  snapshot,
  startSyncHarness,
  type SyncHarness,
} from './sync-harness.ts';

let harness: SyncHarness;
let oldDeal: string;
let newDeal: string;

beforeEach(async () => {
  harness = await startSyncHarness();
  ({ dealId: oldDeal } = await createDealAndContact(harness));
  newDeal = (
    await harness.client.crm.deals.basicApi.create({
      properties: { dealname: 'Acme (merged)', amount: '0' },
      associations: [],
    })
  ).id;
});
afterEach(async () => harness.close());

const sync = () => syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' });
const hubspotQuoteId = () => liveRecords(harness, 'quotes')[0]?.id ?? '';

test('a primary quote moved to another deal moves its HubSpot quote association 64 and takes its line items off the old deal', async () => {
  harness.source.put(snapshot(harness.portalId, oldDeal));
  await sync();
  expect(await associatedIds(harness, 'deals', oldDeal, 'line_items')).toHaveLength(2);

  // The webhooks module re-pointed the quote after a deal merge (new revision, still primary).
  harness.source.put(snapshot(harness.portalId, newDeal, { revision: 2 }));
  expect(await sync()).toBe('synced');

  expect(liveRecords(harness, 'quotes')).toHaveLength(1);
  expect(await associatedIds(harness, 'quotes', hubspotQuoteId(), 'deals')).toEqual([{ id: newDeal, typeIds: [64] }]);
  expect(await associatedIds(harness, 'deals', oldDeal, 'line_items')).toEqual([]);
  const newDealLines = await associatedIds(harness, 'deals', newDeal, 'line_items');
  expect(newDealLines).toHaveLength(2);
  const newDealLineKeys = liveRecords(harness, 'line_items')
    .filter((record) => newDealLines.some((entry) => entry.id === record.id))
    .map((record) => record.properties.cpq_line_key)
    .sort();
  expect(newDealLineKeys).toEqual(['l1', 'l2']);
  // 2 deal line items on the new deal + the quote's 2 own copies; the old deal's are archived.
  expect(liveRecords(harness, 'line_items')).toHaveLength(4);
  const deal = await harness.client.crm.deals.basicApi.getById(newDeal, ['amount', 'cpq_primary_quote_id']);
  expect({ amount: deal.properties.amount, primary: deal.properties.cpq_primary_quote_id }).toEqual({
    amount: '750.60',
    primary: 'q-1',
  });
  const state = await harness.database.db
    .selectFrom('hubspot_quote_sync')
    .select(['deal_id', 'status'])
    .where('portal_id', '=', harness.portalId)
    .executeTakeFirstOrThrow();
  expect(state).toEqual({ deal_id: newDeal, status: 'synced' });

  // Repeating the sync changes nothing.
  expect(await sync()).toBe('up-to-date');
});

test('a non-primary quote moved to another deal moves only its association; neither deal gets its lines', async () => {
  harness.source.put(snapshot(harness.portalId, oldDeal, { isPrimary: false }));
  await sync();
  harness.source.put(snapshot(harness.portalId, newDeal, { isPrimary: false, revision: 2 }));
  await sync();

  expect(await associatedIds(harness, 'quotes', hubspotQuoteId(), 'deals')).toEqual([{ id: newDeal, typeIds: [64] }]);
  expect(await associatedIds(harness, 'deals', oldDeal, 'line_items')).toEqual([]);
  expect(await associatedIds(harness, 'deals', newDeal, 'line_items')).toEqual([]);
  expect(await associatedIds(harness, 'quotes', hubspotQuoteId(), 'line_items')).toHaveLength(2);
});
