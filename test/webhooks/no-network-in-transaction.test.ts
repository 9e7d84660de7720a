import { handleWebhookEvent } from '../../src/main/webhook-wiring.ts';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { NETWORK_IN_TRANSACTION, insideDatabaseTransaction } from '../../src/kernel/db/transaction-context.ts';
import { isAppError } from '../../src/kernel/errors/app-error.ts';
import type { JobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { createHubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { createHubSpotOAuthClient } from '../../src/modules/tenancy/hubspot-oauth-client.ts';
import { createCatalogAdapter } from '../../src/modules/catalog/webhooks/catalog-adapter.ts';
import { createDivergenceStore } from '../../src/modules/quotes/divergences/divergence-store.ts';
import { createDealStages } from '../../src/integrations/hubspot/webhooks/deal-stages.ts';
import { readAheadDealStages, readAheadLookups } from '../../src/integrations/hubspot/webhooks/hubspot-read-ahead.ts';
import { WebhookBatchSchema } from '../../src/integrations/hubspot/webhooks/webhook-event-schema.ts';
import { storeWebhookBatch, type WebhookProcessJob } from '../../src/integrations/hubspot/webhooks/webhook-intake.ts';
import { createWebhookProcessor } from '../../src/integrations/hubspot/webhooks/webhook-processor.ts';
import type {
  HubSpotLookupPort,
  HubSpotProductSnapshot,
} from '../../src/integrations/hubspot/webhooks/webhook-ports.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

const PORTAL = 4700 as PortalId;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insertInto('portals').values({ portal_id: PORTAL, status: 'installed', scopes: '' }).execute();
});
afterAll(async () => database.close());

/** A JobQueue that only records sends: these tests run the processor directly. */
function recordingJobs(sent: WebhookProcessJob[]): JobQueue {
  return {
    start: async () => undefined,
    stop: async () => undefined,
    defineQueue: async () => undefined,
    schedule: async () => undefined,
    send: async <T extends object>(_queue: string, data: T) => {
      sent.push(data as WebhookProcessJob);
      return 'job';
    },
    work: async () => 'worker',
    counts: async () => ({}),
  };
}

function codeOf(error: unknown): string | undefined {
  return isAppError(error) ? error.code : undefined;
}

describe(`no HubSpot call inside a database transaction (${DATABASE_LABEL})`, () => {
  test('the per-portal HubSpot client refuses to run inside db.transaction() with NETWORK_IN_TRANSACTION', async () => {
    const clients = createHubSpotClients({
      // Nothing listens here: the call must be refused before any connection is attempted.
      basePath: 'http://127.0.0.1:9',
      tokens: createStaticTokenProvider(new Map([[PORTAL, 'token']])),
      logger: createLogger({ level: 'silent' }),
      rateLimitPerWindow: 110,
    });
    const inside = await database.db.transaction().execute(async () =>
      clients
        .forPortal(PORTAL)
        .request({ operation: 'products.get', method: 'GET', path: '/crm/v3/objects/products/1' })
        .then(
          () => 'sent',
          (error: unknown) => codeOf(error),
        ),
    );
    expect(inside).toBe(NETWORK_IN_TRANSACTION);
    expect(insideDatabaseTransaction()).toBe(false);
  });

  test('the OAuth client (token refresh) refuses to run inside a transaction; outside it calls fetch', async () => {
    let fetched = 0;
    const oauth = createHubSpotOAuthClient({
      apiBaseUrl: 'http://hubspot.invalid',
      credentials: { clientId: 'id', clientSecret: 'secret', redirectUri: 'http://app.invalid/oauth/callback' },
      fetch: async () => {
        fetched += 1;
        return new Response(JSON.stringify({ access_token: 'a', refresh_token: 'r', expires_in: 1800 }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const inside = await database.db.transaction().execute(async () =>
      oauth.refresh('r').then(
        () => 'sent',
        (error: unknown) => codeOf(error),
      ),
    );
    expect(inside).toBe(NETWORK_IN_TRANSACTION);
    expect(fetched).toBe(0);
    expect((await oauth.refresh('r')).accessToken).toBe('a');
    expect(fetched).toBe(1);
  });

  test('a transaction with a changed isolation level is marked too', async () => {
    const marked = await database.db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async () => insideDatabaseTransaction());
    expect(marked).toBe(true);
  });

  test('while the HubSpot product read of an object.creation is stalled, other database work completes; after it answers the catalog entry is created', async () => {
    let release: (product: HubSpotProductSnapshot) => void = () => {};
    let entered: () => void = () => {};
    const stalled = new Promise<void>((resolve) => (entered = resolve));
    const calledInsideTransaction: boolean[] = [];
    // A controllable fake of the HubSpot boundary: product() waits until the test releases it.
    const network: HubSpotLookupPort = {
      async companyCurrency() {
        calledInsideTransaction.push(insideDatabaseTransaction());
        return 'EUR';
      },
      product(_portalId, productId) {
        calledInsideTransaction.push(insideDatabaseTransaction());
        entered();
        return new Promise((resolve) => {
          release = resolve;
        }).then(() => ({ id: productId, name: 'Dock', sku: 'DOCK-1', price: '45.50' }));
      },
      async lineItemDealIds() {
        return [];
      },
    };
    const sent: WebhookProcessJob[] = [];
    const jobs = recordingJobs(sent);
    const processor = createWebhookProcessor({
      db: database.db,
      portsFor: (trx, ahead) => ({
        dealStages: readAheadDealStages(createDealStages(), ahead),
        divergences: createDivergenceStore(trx),
        catalog: createCatalogAdapter(trx),
        hubspot: readAheadLookups(network, ahead),
      }),
      appId: 1,
      logger: createLogger({ level: 'silent' }),
      handle: handleWebhookEvent,
      maxAttempts: 3,
    });
    const event = {
      eventId: 1,
      subscriptionId: 9,
      portalId: PORTAL,
      occurredAt: 1_700_000_000_000,
      subscriptionType: 'object.creation',
      objectTypeId: '0-7',
      objectId: 5150,
    };
    await storeWebhookBatch(database.db, jobs, WebhookBatchSchema.parse([event]));
    const job = sent[0];
    if (!job) throw new Error('no job sent');

    const processing = processor.processJob(job);
    await stalled;
    // On PGlite (one connection) this read waits forever if the processor holds a transaction.
    const portals = await database.db
      .selectFrom('portals')
      .select('portal_id')
      .where('portal_id', '=', PORTAL)
      .execute();
    expect(portals).toHaveLength(1);
    release({ id: '5150', name: 'Dock', sku: 'DOCK-1', price: '45.50' });
    expect(await processing).toEqual({ processed: 1, retrying: 0 });

    expect(calledInsideTransaction).toEqual([false, false]);
    const entry = await database.db
      .selectFrom('catalog_products')
      .select(['sku', 'name', 'hubspot_product_id', 'product'])
      .where('portal_id', '=', PORTAL)
      .executeTakeFirst();
    expect(entry).toMatchObject({ sku: 'DOCK-1', name: 'Dock', hubspot_product_id: '5150' });
    expect(entry?.product).toMatchObject({ prices: { EUR: '45.50' } });
    const inbox = await database.db
      .selectFrom('webhook_inbox')
      .select(['status', 'outcome', 'attempts'])
      .where('portal_id', '=', PORTAL)
      .execute();
    expect(inbox).toEqual([{ status: 'done', outcome: 'product-created', attempts: 1 }]);
  });

  test('a HubSpot read that fails leaves the event pending with the error, and nothing is half-written', async () => {
    const processor = createWebhookProcessor({
      db: database.db,
      portsFor: (trx, ahead) => ({
        dealStages: createDealStages(),
        divergences: createDivergenceStore(trx),
        catalog: createCatalogAdapter(trx),
        hubspot: readAheadLookups(
          {
            companyCurrency: async () => 'EUR',
            product: async () => {
              throw new Error('HubSpot timed out');
            },
            lineItemDealIds: async () => [],
          },
          ahead,
        ),
      }),
      appId: 1,
      logger: createLogger({ level: 'silent' }),
      handle: handleWebhookEvent,
      maxAttempts: 3,
    });
    const sent: WebhookProcessJob[] = [];
    const jobs = recordingJobs(sent);
    await storeWebhookBatch(
      database.db,
      jobs,
      WebhookBatchSchema.parse([
        {
          eventId: 2,
          subscriptionId: 9,
          portalId: PORTAL,
          occurredAt: 1_700_000_000_001,
          subscriptionType: 'object.creation',
          objectTypeId: '0-7',
          objectId: 6160,
        },
      ]),
    );
    const job = sent[0];
    if (!job) throw new Error('no job sent');
    await expect(processor.processJob(job)).rejects.toThrow('left pending for retry');
    const row = await database.db
      .selectFrom('webhook_inbox')
      .select(['status', 'attempts', 'last_error'])
      .where('portal_id', '=', PORTAL)
      .where('object_id', '=', '6160')
      .executeTakeFirst();
    expect(row).toEqual({ status: 'pending', attempts: 1, last_error: 'HubSpot timed out' });
    const created = await database.db
      .selectFrom('catalog_products')
      .select('sku')
      .where('portal_id', '=', PORTAL)
      .where('hubspot_product_id', '=', '6160')
      .execute();
    expect(created).toEqual([]);
  });
});
