import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../src/kernel/db/db-schema.ts';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import type { JobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { createDivergenceStore } from '../../src/modules/quotes/divergences/divergence-store.ts';
import { listInbox, retryInboxEntry } from '../../src/integrations/hubspot/webhooks/webhook-inbox-admin.ts';
import { WebhookBatchSchema } from '../../src/integrations/hubspot/webhooks/webhook-event-schema.ts';
import { storeWebhookBatch, type WebhookProcessJob } from '../../src/integrations/hubspot/webhooks/webhook-intake.ts';
import { createWebhookProcessor } from '../../src/integrations/hubspot/webhooks/webhook-processor.ts';
import { handleWebhookEvent } from '../../src/main/webhook-wiring.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';
import { FakeWebhookWorld } from './fake-webhook-ports.ts';

const PORTAL = 4100 as PortalId;
let nextEventId = 1;

/** A JobQueue that only records sends: these tests run the processor directly. */
function recordingJobs(sent: WebhookProcessJob[]): JobQueue {
  return {
    start: async () => undefined,
    stop: async () => undefined,
    defineQueue: async () => undefined,
    schedule: async () => undefined,
    send: async (_queue, data) => {
      sent.push(data as unknown as WebhookProcessJob);
      return 'job';
    },
    work: async () => 'worker',
    counts: async () => ({}),
  };
}

function productEvent(occurredAt: number, fields: Record<string, unknown>) {
  nextEventId += 1;
  return {
    eventId: nextEventId,
    subscriptionId: 7,
    portalId: PORTAL,
    occurredAt,
    subscriptionType: 'object.propertyChange',
    objectTypeId: '0-7',
    objectId: 42,
    changeSource: 'CRM_UI',
    sourceId: 'userId:1',
    ...fields,
  };
}

describe(`webhook processing on ${DATABASE_LABEL}`, () => {
  let database: TestDatabase;
  let world: FakeWebhookWorld;
  let sent: WebhookProcessJob[];
  let failNext: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insertInto('portals').values({ portal_id: PORTAL, status: 'installed', scopes: '' }).execute();
  });
  afterAll(async () => database.drop());

  beforeEach(async () => {
    world = new FakeWebhookWorld();
    sent = [];
    failNext = 0;
    for (const table of ['webhook_inbox', 'webhook_watermarks', 'quote_divergences'] as const) {
      await database.db.deleteFrom(table).where('portal_id', '=', PORTAL).execute();
    }
  });

  function processor() {
    return createWebhookProcessor({
      db: database.db,
      handle: handleWebhookEvent,
      portsFor: (trx: Kysely<DatabaseSchema>) => {
        const ports = world.ports();
        const catalog = ports.catalog;
        return {
          ...ports,
          divergences: createDivergenceStore(trx),
          catalog: catalog && {
            ...catalog,
            upsertFromHubSpotProduct: async (...args: Parameters<typeof catalog.upsertFromHubSpotProduct>) => {
              if (failNext > 0) {
                failNext -= 1;
                throw new Error('catalog unavailable');
              }
              return catalog.upsertFromHubSpotProduct(...args);
            },
          },
        };
      },
      appId: 4242,
      logger: createLogger({ level: 'silent' }),
      maxAttempts: 3,
    });
  }

  async function deliver(events: unknown[]): Promise<WebhookProcessJob> {
    const before = sent.length;
    await storeWebhookBatch(database.db, recordingJobs(sent), WebhookBatchSchema.parse(events));
    expect(sent.length).toBe(before + 1);
    return sent[sent.length - 1] as WebhookProcessJob;
  }

  async function statuses() {
    const rows = await database.db
      .selectFrom('webhook_inbox')
      .select(['occurred_at', 'status', 'outcome', 'attempts'])
      .where('portal_id', '=', PORTAL)
      .orderBy('occurred_at')
      .execute();
    return rows.map((r) => `${r.occurred_at}:${r.status}:${r.outcome ?? '-'}:${r.attempts}`);
  }

  test('events of one object are applied in occurredAt order even when the batch is shuffled', async () => {
    const job = await deliver([
      productEvent(3, { propertyName: 'price', propertyValue: '300' }),
      productEvent(1, { propertyName: 'price', propertyValue: '100' }),
      productEvent(2, { propertyName: 'price', propertyValue: '200' }),
    ]);
    await processor().processJob(job);
    expect(world.products.get('42')).toEqual({ price: '300' });
    expect(await statuses()).toEqual([
      '1:done:product-created:1',
      '2:done:product-updated:1',
      '3:done:product-updated:1',
    ]);
  });

  test('a late older event never overwrites newer state: it ends ignored/stale', async () => {
    await processor().processJob(await deliver([productEvent(30, { propertyName: 'price', propertyValue: '300' })]));
    await processor().processJob(
      await deliver([
        productEvent(10, { propertyName: 'price', propertyValue: '100' }),
        productEvent(20, { propertyName: 'name', propertyValue: 'Laptop' }),
      ]),
    );
    expect(world.products.get('42')).toEqual({ price: '300', name: 'Laptop' });
    expect(await statuses()).toEqual(['10:ignored:stale:1', '20:done:product-updated:1', '30:done:product-created:1']);
  });

  test('a property change older than the product deletion does not bring the product back', async () => {
    await processor().processJob(await deliver([productEvent(5, { propertyName: 'price', propertyValue: '1' })]));
    await processor().processJob(await deliver([productEvent(50, { subscriptionType: 'object.deletion' })]));
    await processor().processJob(await deliver([productEvent(40, { propertyName: 'price', propertyValue: '2' })]));
    expect(world.products.has('42')).toBe(false);
    expect((await statuses())[1]).toBe('40:ignored:stale:1');
  });

  test('a deletion older than an applied change is stale: in occurredAt order the change came after it', async () => {
    await processor().processJob(await deliver([productEvent(60, { propertyName: 'price', propertyValue: '6' })]));
    await processor().processJob(await deliver([productEvent(50, { subscriptionType: 'object.deletion' })]));
    expect(world.products.get('42')).toEqual({ price: '6' });
    expect(await statuses()).toEqual(['50:ignored:stale:1', '60:done:product-created:1']);
  });

  test('a change between a deletion and a re-creation still applies when it arrives last', async () => {
    await processor().processJob(
      await deliver([
        productEvent(50, { subscriptionType: 'object.deletion' }),
        productEvent(70, { subscriptionType: 'object.creation' }),
      ]),
    );
    await processor().processJob(await deliver([productEvent(60, { propertyName: 'price', propertyValue: '6' })]));
    expect(world.products.get('42')).toEqual({ price: '6' });
    expect(await statuses()).toEqual([
      '50:ignored:product-unknown:1',
      '60:done:product-updated:1',
      '70:done:product-created:1',
    ]);
  });

  test("the app's own writes are ignored but move the watermark: an older user change arriving after them is stale", async () => {
    await processor().processJob(
      await deliver([
        productEvent(9, { propertyName: 'price', propertyValue: '9', changeSource: 'INTEGRATION', sourceId: '4242' }),
      ]),
    );
    await processor().processJob(
      await deliver([
        productEvent(8, { propertyName: 'price', propertyValue: '8' }),
        productEvent(10, { propertyName: 'price', propertyValue: '10' }),
      ]),
    );
    expect(world.products.get('42')).toEqual({ price: '10' });
    expect(await statuses()).toEqual(['8:ignored:stale:1', '9:ignored:own-write:1', '10:done:product-created:1']);
  });

  test('a failing event stays pending and blocks newer events of its object; the job throws so pg-boss retries', async () => {
    failNext = 1;
    const job = await deliver([
      productEvent(1, { propertyName: 'price', propertyValue: '100' }),
      productEvent(2, { propertyName: 'price', propertyValue: '200' }),
    ]);
    await expect(processor().processJob(job)).rejects.toThrow('2 webhook events of portal 4100 left pending for retry');
    expect(await statuses()).toEqual(['1:pending:-:1', '2:pending:-:0']);
    const pending = await listInbox(database.db, { status: 'pending', portalId: PORTAL, limit: 10 });
    expect(pending.map((e) => e.lastError)).toEqual([null, 'catalog unavailable']);
    await processor().processJob(job);
    expect(await statuses()).toEqual(['1:done:product-created:2', '2:done:product-updated:1']);
    expect(world.products.get('42')).toEqual({ price: '200' });
  });

  test('after maxAttempts an event is dead-lettered (listed as failed) and retry re-drives it', async () => {
    failNext = 3;
    const job = await deliver([productEvent(1, { propertyName: 'hs_sku', propertyValue: 'SKU-1' })]);
    for (let attempt = 1; attempt < 3; attempt += 1)
      await expect(processor().processJob(job)).rejects.toThrow('left pending');
    await processor().processJob(job);
    const failed = await listInbox(database.db, { status: 'failed', limit: 10 });
    expect(failed.map((e) => [e.portalId, e.status, e.outcome, e.attempts, e.lastError])).toEqual([
      [PORTAL, 'failed', 'dead-letter', 3, 'catalog unavailable'],
    ]);

    const redriven = await retryInboxEntry(database.db, recordingJobs(sent), failed[0]?.id ?? 0);
    expect([redriven.status, redriven.attempts]).toEqual(['pending', 0]);
    const retryJob = sent[sent.length - 1] as WebhookProcessJob;
    expect(retryJob).toEqual({ portalId: PORTAL, ids: [failed[0]?.id] });
    await processor().processJob(retryJob);
    expect(await statuses()).toEqual(['1:done:product-created:1']);
    expect(world.products.get('42')).toEqual({ sku: 'SKU-1' });
    await expect(retryInboxEntry(database.db, recordingJobs(sent), failed[0]?.id ?? 0)).rejects.toMatchObject({
      code: 'WEBHOOK_EVENT_NOT_RETRYABLE',
    });
    await expect(retryInboxEntry(database.db, recordingJobs(sent), 987_654)).rejects.toMatchObject({
      code: 'WEBHOOK_EVENT_NOT_FOUND',
    });
  });

  test('a deal amount divergence is stored once in quote_divergences even when the job runs twice', async () => {
    world.quotes.push({
      quoteId: 'q1',
      dealId: '501',
      netTotal: '100.00',
      lineCount: 2,
      primary: true,
      status: 'accepted',
      archived: false,
    });
    nextEventId += 1;
    const job = await deliver([
      {
        eventId: nextEventId,
        subscriptionId: 8,
        portalId: PORTAL,
        occurredAt: 77,
        subscriptionType: 'deal.propertyChange',
        objectId: 501,
        propertyName: 'amount',
        propertyValue: '120',
        changeSource: 'CRM_UI',
        sourceId: 'userId:3',
      },
    ]);
    await processor().processJob(job);
    await processor().processJob(job);
    const rows = await database.db
      .selectFrom('quote_divergences')
      .select(['deal_id', 'quote_id', 'field', 'hubspot_value', 'app_value', 'occurred_at'])
      .where('portal_id', '=', PORTAL)
      .execute();
    expect(rows).toEqual([
      { deal_id: '501', quote_id: 'q1', field: 'amount', hubspot_value: '120', app_value: '100.00', occurred_at: 77 },
    ]);
  });
});
