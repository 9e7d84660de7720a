import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import type { HubSpotPortalClient } from '../../src/integrations/hubspot/hubspot-portal-client.ts';
import { createDealSyncLock } from '../../src/integrations/hubspot/sync/deal-sync-lock.ts';
import { syncQuote, type QuoteSyncDeps } from '../../src/integrations/hubspot/sync/quote-sync-engine.ts';
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
let deps: QuoteSyncDeps;

beforeEach(async () => {
  harness = await startSyncHarness();
  ({ dealId } = await createDealAndContact(harness));
  // The lock the module builds for this database (advisory lock on PostgreSQL, in-process on PGlite).
  deps = { ...harness.deps, dealLock: createDealSyncLock(harness.database) };
});
afterEach(async () => harness.close());

const quoteA = (revision: number, isPrimary: boolean) =>
  snapshot(harness.portalId, dealId, {
    quoteId: 'q-a',
    revision,
    isPrimary,
    netTotal: '100.00',
    lines: [line('a1', { quantity: '1', netUnitPrice: '100.00', netTotal: '100.00' })],
  });
const quoteB = (revision: number, isPrimary: boolean) =>
  snapshot(harness.portalId, dealId, {
    quoteId: 'q-b',
    revision,
    isPrimary,
    netTotal: '500.00',
    lines: [
      line('b1', { quantity: '5', netUnitPrice: '100.00', netTotal: '500.00' }),
      line('b2', { quantity: '1', netUnitPrice: '0', netTotal: '0.00' }),
    ],
  });
const sync = (quoteId: string) => syncQuote(deps, { portalId: harness.portalId, quoteId });

async function dealState(): Promise<{
  amount: string | null | undefined;
  primary: string | null | undefined;
  lineKeys: string[];
}> {
  const deal = await harness.client.crm.deals.basicApi.getById(dealId, ['amount', 'cpq_primary_quote_id']);
  const ids = (await associatedIds(harness, 'deals', dealId, 'line_items')).map((entry) => entry.id);
  const keys = liveRecords(harness, 'line_items')
    .filter((record) => ids.includes(record.id))
    .map((record) => String(record.properties.cpq_line_key));
  return { amount: deal.properties.amount, primary: deal.properties.cpq_primary_quote_id, lineKeys: keys.sort() };
}

test('primary switched back and forth while both quotes sync concurrently: the deal ends with the current primary quote lines and amount', async () => {
  harness.source.put(quoteA(1, true));
  harness.source.put(quoteB(1, false));
  await Promise.all([sync('q-a'), sync('q-b')]);
  expect(await dealState()).toEqual({ amount: '100.00', primary: 'q-a', lineKeys: ['a1'] });

  // Switch to B; while B's sync is writing to HubSpot the rep switches back to A and A's sync starts.
  harness.source.put(quoteA(2, false));
  harness.source.put(quoteB(2, true));
  let concurrentA: Promise<unknown> | undefined;
  const realClientFor = deps.clientFor;
  const racingDeps: QuoteSyncDeps = {
    ...deps,
    clientFor(portalId) {
      const client = realClientFor(portalId);
      const hooked: HubSpotPortalClient = Object.create(client) as HubSpotPortalClient;
      hooked.request = async (call) => {
        if (!concurrentA && call.method !== 'GET') {
          harness.source.put(quoteA(3, true));
          harness.source.put(quoteB(3, false));
          concurrentA = syncQuote(deps, { portalId: harness.portalId as PortalId, quoteId: 'q-a' });
        }
        return client.request(call);
      };
      return hooked;
    },
  };
  const syncB = syncQuote(racingDeps, { portalId: harness.portalId, quoteId: 'q-b' });
  await Promise.all([syncB, sync('q-a')]);
  await concurrentA;
  // The jobs the quote service enqueued for the switch back (one per quote) run, concurrently.
  await Promise.all([sync('q-b'), sync('q-a')]);

  expect(concurrentA).toBeDefined();
  expect(await dealState()).toEqual({ amount: '100.00', primary: 'q-a', lineKeys: ['a1'] });
});

test('a quote that becomes primary again rewrites the deal amount another quote wrote meanwhile', async () => {
  harness.source.put(quoteA(1, true));
  await sync('q-a');
  harness.source.put(quoteA(2, false));
  harness.source.put(quoteB(1, true));
  await Promise.all([sync('q-a'), sync('q-b')]);
  expect(await dealState()).toEqual({ amount: '500.00', primary: 'q-b', lineKeys: ['b1', 'b2'] });

  harness.source.put(quoteA(3, true));
  harness.source.put(quoteB(2, false));
  await Promise.all([sync('q-b'), sync('q-a')]);
  expect(await dealState()).toEqual({ amount: '100.00', primary: 'q-a', lineKeys: ['a1'] });
});
