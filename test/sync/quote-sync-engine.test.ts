import { syncQuote } from '../../src/integrations/hubspot/sync/quote-sync-engine.ts';
import { getQuoteSyncStatus } from '../../src/integrations/hubspot/sync/quote-sync-status.ts';
import { QuoteSyncRepository } from '../../src/integrations/hubspot/sync/quote-sync-repository.ts';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/quotes/models/AssociationSpec.js';
import {
  associatedIds,
  createDealAndContact,
  line,
  liveRecords,
  snapshot,
  startSyncHarness,
  type SyncHarness,
} from './sync-harness.ts';

let harness: SyncHarness;
let dealId: string;
let contactId: string;

beforeEach(async () => {
  harness = await startSyncHarness();
  ({ dealId, contactId } = await createDealAndContact(harness));
});
afterEach(async () => harness.close());

function quoteRecords() {
  return liveRecords(harness, 'quotes');
}
function lineItems(target: 'deal' | 'quote') {
  return liveRecords(harness, 'line_items')
    .filter((record) => record.properties.cpq_sync_key?.includes(`:${target}:`))
    .map((record) => ({
      key: record.properties.cpq_line_key,
      quantity: record.properties.quantity,
      price: record.properties.price,
      name: record.properties.name,
    }))
    .sort((a, b) => String(a.key).localeCompare(String(b.key)));
}

test('first sync writes the deal line items, deal amount, and a HubSpot quote with its own line-item copies and associations 64/67/69', async () => {
  harness.source.put(snapshot(harness.portalId, dealId, { contactIds: [contactId] }));

  expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('synced');

  const expectedLines = [
    { key: 'l1', quantity: '2', price: '187.65', name: 'Product l1' },
    { key: 'l2', quantity: '2', price: '187.65', name: 'Product l2' },
  ];
  expect(lineItems('deal')).toEqual(expectedLines);
  expect(lineItems('quote')).toEqual(expectedLines);
  const deal = await harness.client.crm.deals.basicApi.getById(dealId, ['amount', 'cpq_primary_quote_id']);
  expect(deal.properties.amount).toBe('750.60');
  expect(deal.properties.cpq_primary_quote_id).toBe('q-1');

  const [quote] = quoteRecords();
  expect(quote?.properties).toMatchObject({
    hs_title: 'Acme renewal',
    hs_expiration_date: '2026-12-31',
    hs_currency: 'USD',
    cpq_quote_id: 'q-1',
  });
  const quoteId = quote?.id ?? '';
  expect(await associatedIds(harness, 'quotes', quoteId, 'deals')).toEqual([{ id: dealId, typeIds: [64] }]);
  expect(await associatedIds(harness, 'quotes', quoteId, 'contacts')).toEqual([{ id: contactId, typeIds: [69] }]);
  const quoteLines = await associatedIds(harness, 'quotes', quoteId, 'line_items');
  expect(quoteLines.map((entry) => entry.typeIds)).toEqual([[67], [67]]);
  const dealLines = await associatedIds(harness, 'deals', dealId, 'line_items');
  // The quote's copies are not the deal's line items (HubSpot docs "CRM API: Quotes, Line items, Associations v4").
  expect(dealLines.map((entry) => entry.id).filter((id) => quoteLines.some((q) => q.id === id))).toEqual([]);
  expect(dealLines).toHaveLength(2);

  const state = await harness.database.db
    .selectFrom('hubspot_quote_sync')
    .selectAll()
    .where('portal_id', '=', harness.portalId)
    .executeTakeFirstOrThrow();
  expect({
    status: state.status,
    revision: state.last_synced_revision,
    error: state.last_error,
    hubspotQuoteId: state.hubspot_quote_id,
  }).toEqual({
    status: 'synced',
    revision: 1,
    error: null,
    hubspotQuoteId: quoteId,
  });
});

test('syncing the same revision again makes no HubSpot call and changes nothing', async () => {
  harness.source.put(snapshot(harness.portalId, dealId));
  await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' });
  const before = harness.clients.callLog.stats().calls;

  expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('up-to-date');

  expect(harness.clients.callLog.stats().calls).toBe(before);
  expect(liveRecords(harness, 'line_items')).toHaveLength(4);
  expect(quoteRecords()).toHaveLength(1);
});

test('an edit updates changed lines, creates added ones and archives removed ones, on the deal and on the quote copy', async () => {
  harness.source.put(snapshot(harness.portalId, dealId));
  await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' });
  harness.clients.callLog.reset();

  harness.source.put(
    snapshot(harness.portalId, dealId, {
      revision: 2,
      netTotal: '1000.00',
      lines: [line('l1', { quantity: '5', netUnitPrice: '150.00' }), line('l3')],
    }),
  );
  expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('synced');

  const expected = [
    { key: 'l1', quantity: '5', price: '150.00', name: 'Product l1' },
    { key: 'l3', quantity: '2', price: '187.65', name: 'Product l3' },
  ];
  expect(lineItems('deal')).toEqual(expected);
  expect(lineItems('quote')).toEqual(expected);
  expect((await harness.client.crm.deals.basicApi.getById(dealId, ['amount'])).properties.amount).toBe('1000.00');
  // Per copy: one update, one create, one archive; plus the deal amount. The quote itself is unchanged.
  expect(harness.clients.callLog.stats().byOperation).toEqual({
    'line_items.batch.update': 2,
    'line_items.batch.create': 2,
    'line_items.batch.archive': 2,
    'deals.update': 1,
  });
});

test('an older revision never overwrites a newer one', async () => {
  harness.source.put(snapshot(harness.portalId, dealId, { revision: 3, netTotal: '300.00' }));
  await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' });

  harness.source.put(
    snapshot(harness.portalId, dealId, { revision: 2, netTotal: '200.00', lines: [line('l1', { quantity: '9' })] }),
  );
  expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('stale');

  expect((await harness.client.crm.deals.basicApi.getById(dealId, ['amount'])).properties.amount).toBe('300.00');
  expect(lineItems('deal').map((entry) => entry.quantity)).toEqual(['2', '2']);
});

test('a crash after HubSpot created records but before their ids were stored does not duplicate them', async () => {
  harness.source.put(snapshot(harness.portalId, dealId, { contactIds: [contactId] }));
  await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' });
  // Simulate the lost answers: HubSpot has the records, our database forgot them.
  const db = harness.database.db;
  await db.deleteFrom('hubspot_line_item_map').where('portal_id', '=', harness.portalId).execute();
  await db
    .updateTable('hubspot_quote_sync')
    .set({ hubspot_quote_id: null, quote_hash: null, needs_reconcile: true, status: 'failed', last_synced_revision: 0 })
    .where('portal_id', '=', harness.portalId)
    .execute();

  expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('synced');

  expect(quoteRecords()).toHaveLength(1);
  expect(lineItems('deal').map((entry) => entry.key)).toEqual(['l1', 'l2']);
  expect(lineItems('quote').map((entry) => entry.key)).toEqual(['l1', 'l2']);
  const mapped = await db
    .selectFrom('hubspot_line_item_map')
    .select('line_key')
    .where('portal_id', '=', harness.portalId)
    .execute();
  expect(mapped).toHaveLength(4);
});

test('a non-primary quote gets its own HubSpot quote and copies but leaves the deal line items and amount alone', async () => {
  harness.source.put(snapshot(harness.portalId, dealId, { isPrimary: false }));

  await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' });

  expect(lineItems('deal')).toEqual([]);
  expect(lineItems('quote').map((entry) => entry.key)).toEqual(['l1', 'l2']);
  expect((await harness.client.crm.deals.basicApi.getById(dealId, ['amount'])).properties.amount).toBe('0');
});

test('an archived quote removes its HubSpot quote and every line item it wrote', async () => {
  harness.source.put(snapshot(harness.portalId, dealId));
  await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' });

  harness.source.put(snapshot(harness.portalId, dealId, { revision: 2, archived: true }));
  expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('archived');

  expect(quoteRecords()).toEqual([]);
  expect(liveRecords(harness, 'line_items')).toEqual([]);
  const state = await harness.database.db
    .selectFrom('hubspot_quote_sync')
    .select(['status', 'hubspot_quote_id'])
    .where('portal_id', '=', harness.portalId)
    .executeTakeFirstOrThrow();
  expect(state).toEqual({ status: 'archived', hubspot_quote_id: null });
});

test('a line item deleted in HubSpot is created again on the next sync (207 OBJECT_NOT_FOUND per record)', async () => {
  harness.source.put(snapshot(harness.portalId, dealId));
  await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' });
  const victim = liveRecords(harness, 'line_items').find((record) => record.properties.cpq_sync_key === 'q-1:deal:l1');
  await harness.client.crm.lineItems.basicApi.archive(victim?.id ?? '');

  harness.source.put(
    snapshot(harness.portalId, dealId, { revision: 2, lines: [line('l1', { quantity: '3' }), line('l2')] }),
  );
  await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' });

  expect(lineItems('deal').map((entry) => [entry.key, entry.quantity])).toEqual([
    ['l1', '3'],
    ['l2', '2'],
  ]);
});

test('a failed sync records the failure and HubSpot reason for the quote summary card', async () => {
  // A deal that does not exist: HubSpot refuses the quote's association to it. (Recipients are
  // named, so the deal's contacts are not looked up first.)
  harness.source.put(snapshot(harness.portalId, '999999', { contactIds: [contactId] }));

  await expect(syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).rejects.toThrow(
    'HubSpot quotes.create failed (400',
  );

  const status = await getQuoteSyncStatus(harness.database.db, harness.portalId, 'q-1');
  expect({ status: status.status, revision: status.lastSyncedRevision, quote: status.hubspotQuoteId }).toEqual({
    status: 'failed',
    revision: 0,
    quote: null,
  });
  expect(status.lastError).toContain('quotes.create failed (400');
  expect(await getQuoteSyncStatus(harness.database.db, harness.portalId, 'other')).toEqual({
    status: 'never',
    lastSyncedRevision: 0,
    lastError: null,
    syncedAt: null,
    hubspotQuoteId: null,
  });
});

test('after a failed first attempt, a quote created in HubSpot whose answer was lost is adopted, not duplicated', async () => {
  harness.source.put(snapshot(harness.portalId, '999999'));
  await expect(syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).rejects.toThrow();
  // Second attempt: the create is bracketed by needs_reconcile, HubSpot applies it, the answer is lost.
  harness.source.put(snapshot(harness.portalId, dealId, { revision: 2 }));
  await new QuoteSyncRepository(harness.database.db, harness.portalId, 'q-1').markReconcile(dealId);
  await harness.client.crm.quotes.basicApi.create({
    properties: {
      hs_title: 'Acme renewal',
      hs_expiration_date: '2026-12-31',
      cpq_sync_key: 'q-1',
      cpq_quote_id: 'q-1',
    },
    associations: [
      {
        to: { id: dealId },
        types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 64 }],
      },
    ],
  });

  expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('synced');

  expect(quoteRecords()).toHaveLength(1);
  expect(liveRecords(harness, 'line_items')).toHaveLength(4);
});
