import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { createJobQueue, type JobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { createDomainEvents } from '../../src/kernel/jobs/domain-events.ts';
import type { AppDeps } from '../../src/kernel/app-module.ts';
import { loadConfig } from '../../src/kernel/config/app-config.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { enqueueProvisioning } from '../../src/integrations/hubspot/sync/enqueue-provisioning.ts';
import { enqueueQuoteSync } from '../../src/integrations/hubspot/sync/enqueue-quote-sync.ts';
import { hubspotSyncModule } from '../../src/integrations/hubspot/sync/hubspot-sync-module.ts';
import { QUOTE_SYNC_QUEUE, type QuoteSyncSnapshot } from '../../src/integrations/hubspot/sync/quote-sync-contract.ts';
import { createDealAndContact, liveRecords, snapshot, startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { waitFor } from '../support/wait-for.ts';

let harness: SyncHarness;
let jobs: JobQueue;

beforeEach(async () => {
  harness = await startSyncHarness();
  jobs = createJobQueue({
    database: harness.database,
    databaseUrl: harness.database.url,
    logger: createLogger({ level: 'silent' }),
  });
  await jobs.start();
  for (const queue of hubspotSyncModule.queues ?? []) await jobs.defineQueue(queue);
});
afterEach(async () => {
  await jobs.stop(2_000);
  await harness.close();
});

function deps(): AppDeps {
  return {
    config: loadConfig({}),
    database: harness.database,
    jobs,
    events: createDomainEvents(jobs),
    logger: createLogger({ level: 'silent' }),
    now: () => Date.now(),
    tokens: createStaticTokenProvider(new Map([[harness.portalId, harness.sandbox.demoAccessToken]])),
    hubspot: harness.clients,
    quoteSyncSource: harness.source,
  };
}

test('ten edits to one quote enqueued within a second coalesce into one queued sync, which writes the newest revision', async () => {
  const { dealId } = await createDealAndContact(harness);
  const db = harness.database.db;
  let latest: QuoteSyncSnapshot | undefined;
  for (let revision = 1; revision <= 10; revision += 1) {
    latest = snapshot(harness.portalId, dealId, { revision, netTotal: `${revision}00.00` });
    harness.source.put(latest);
    // As the quote side does: the job is written in the same transaction as the change.
    await db
      .transaction()
      .execute(async (trx) => enqueueQuoteSync(jobs, { portalId: harness.portalId, quoteId: 'q-1' }, trx));
  }
  expect(await jobs.counts(QUOTE_SYNC_QUEUE)).toEqual({ created: 1 });

  await hubspotSyncModule.startWorkers?.(deps());
  await waitFor(async () => (await jobs.counts(QUOTE_SYNC_QUEUE)).completed === 1);

  expect((await harness.client.crm.deals.basicApi.getById(dealId, ['amount'])).properties.amount).toBe('1000.00');
  const state = await db
    .selectFrom('hubspot_quote_sync')
    .select(['status', 'last_synced_revision'])
    .where('portal_id', '=', harness.portalId)
    .executeTakeFirstOrThrow();
  expect(state).toEqual({ status: 'synced', last_synced_revision: 10 });
  expect(harness.clients.callLog.stats().byOperation['quotes.create']).toBe(1);
});

test('an enqueue in a transaction that rolls back leaves no job (outbox)', async () => {
  await expect(
    harness.database.db.transaction().execute(async (trx) => {
      await enqueueQuoteSync(jobs, { portalId: harness.portalId, quoteId: 'q-x' }, trx);
      throw new Error('rollback');
    }),
  ).rejects.toThrow('rollback');

  expect(await jobs.counts(QUOTE_SYNC_QUEUE)).toEqual({});
});

test('the provisioning job provisions the portal and records the report', async () => {
  await hubspotSyncModule.startWorkers?.(deps());

  await enqueueProvisioning(jobs, harness.portalId);
  await waitFor(
    async () =>
      (await harness.database.db
        .selectFrom('hubspot_provisioning')
        .select('status')
        .where('portal_id', '=', harness.portalId as PortalId)
        .executeTakeFirst()) !== undefined,
  );

  const row = await harness.database.db
    .selectFrom('hubspot_provisioning')
    .selectAll()
    .where('portal_id', '=', harness.portalId)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('done');
  expect((row.report as unknown as { steps: unknown[] }).steps).toHaveLength(10);
  expect(liveRecords(harness, 'line_items')).toEqual([]);
});
