import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/kernel/config/app-config.ts';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { signV3 } from '../../src/kernel/http/signature-digests.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { APP_MODULES } from '../../src/main/app-modules.ts';
import { startApp, type RunningApp } from '../../src/main/app-runtime.ts';
import { SANDBOX_DEFAULT_PORTAL_ID } from '../../tools/hubspot-sandbox/hubspot-sandbox.ts';
import { webhooksModule } from '../../src/main/webhook-wiring.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const PUBLIC = 'http://cpq.webhooks.test';

async function postSigned(app: RunningApp, events: unknown[]): Promise<Response> {
  const body = JSON.stringify(events);
  const timestamp = String(Date.now());
  const signature = signV3({
    clientSecret: app.sandbox?.clientSecret ?? '',
    method: 'POST',
    uri: `${PUBLIC}/webhooks/hubspot`,
    rawBody: body,
    timestamp,
  });
  return fetch(`${app.url}/webhooks/hubspot`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
    body,
  });
}

/** Waits for the pg-boss worker to finish the portal's pending rows (bounded; not a timing assertion). */
async function settledEvents(
  app: RunningApp,
  portalId: PortalId,
  eventIds: number[],
): Promise<Array<{ event_id: number; status: string; outcome: string | null }>> {
  return waitFor(
    async () => {
      const rows = await app.database.db
        .selectFrom('webhook_inbox')
        .select(['event_id', 'status', 'outcome'])
        .where('portal_id', '=', portalId)
        .where('event_id', 'in', eventIds)
        .orderBy('event_id')
        .execute();
      return rows.length > 0 && rows.every((row) => row.status !== 'pending') && rows;
    },
    { what: 'webhook events processed' },
  );
}

describe('webhooks module in the running app (sandbox mode)', () => {
  let app: RunningApp;
  let dataDir: string;
  let database: TestDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cpq-webhooks-'));
    // The worker's test database (a schema of its own) rather than a PGlite in DATA_DIR: opening a
    // new PGlite costs seconds; the module under test is the same either way.
    database = await createTestDatabase();
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      PORT: '0',
      SANDBOX_PORT: '0',
      PUBLIC_BASE_URL: PUBLIC,
      LOG_LEVEL: 'silent',
    };
    if (process.env.TEST_DATABASE_URL) {
      env.DATABASE_URL = process.env.TEST_DATABASE_URL;
      env.ENCRYPTION_KEY = randomBytes(32).toString('base64');
    }
    const config = loadConfig(env);
    app = await startApp({
      config,
      logger: createLogger({ level: 'silent' }),
      modules: [webhooksModule],
      database,
      migrate: false,
    });
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function post(events: unknown[]): Promise<Response> {
    const body = JSON.stringify(events);
    const timestamp = String(Date.now());
    const signature = signV3({
      clientSecret: app.sandbox?.clientSecret ?? '',
      method: 'POST',
      uri: `${PUBLIC}/webhooks/hubspot`,
      rawBody: body,
      timestamp,
    });
    return fetch(`${app.url}/webhooks/hubspot`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-v3': signature,
        'x-hubspot-request-timestamp': timestamp,
      },
      body,
    });
  }

  const settled = (portalId: PortalId, eventIds: number[]) => settledEvents(app, portalId, eventIds);

  test('the demo portal counts as installed; its events are stored, then processed by the worker (own writes of app 4242 ignored)', async () => {
    const portalId = SANDBOX_DEFAULT_PORTAL_ID as PortalId;
    const portal = await app.database.db
      .selectFrom('portals')
      .select(['status'])
      .where('portal_id', '=', portalId)
      .executeTakeFirst();
    expect(portal?.status).toBe('installed');
    // On PostgreSQL the app runs in the shared database: event and object ids unique to this run.
    const first = Date.now();
    const base = {
      subscriptionId: 1_000_002,
      portalId,
      appId: 4242,
      subscriptionType: 'deal.propertyChange',
      objectId: first,
      propertyName: 'amount',
      propertyValue: '10',
    };
    const response = await post([
      { ...base, eventId: first, occurredAt: 1_000, changeSource: 'INTEGRATION', sourceId: '4242' },
      { ...base, eventId: first + 1, occurredAt: 2_000, changeSource: 'CRM_UI', sourceId: 'userId:1' },
      { ...base, eventId: first + 2, occurredAt: 3_000, subscriptionType: 'contact.creation', objectId: 5 },
    ]);
    expect(response.status).toBe(200);
    expect(await settled(portalId, [first, first + 1, first + 2])).toEqual([
      { event_id: first, status: 'ignored', outcome: 'own-write' },
      { event_id: first + 1, status: 'ignored', outcome: 'no-primary-quote' },
      { event_id: first + 2, status: 'ignored', outcome: 'unsubscribed' },
    ]);
  });
});

describe('webhooks in the full app: HubSpot reads through the per-portal client (sandbox mode, portal installed through OAuth)', () => {
  let app: RunningApp;
  let dataDir: string;
  let database: TestDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cpq-webhooks-full-'));
    // Its own database (a throwaway schema on PostgreSQL): the demo portal's stored tokens must be
    // this run's, not those of an earlier run with another generated encryption key.
    database = await createTestDatabase();
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      PORT: '0',
      SANDBOX_PORT: '0',
      PUBLIC_BASE_URL: PUBLIC,
      LOG_LEVEL: 'silent',
    };
    app = await startApp({
      config: loadConfig(env),
      logger: createLogger({ level: 'silent' }),
      modules: APP_MODULES,
      database,
      migrate: false,
    });
  });

  afterAll(async () => {
    await app.stop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = (events: unknown[]) => postSigned(app, events);
  const settled = (portalId: PortalId, eventIds: number[]) => settledEvents(app, portalId, eventIds);

  /** A record created in the sandbox as a HubSpot user would (admin route: changeSource CRM_UI). */
  async function sandboxCreate(objectType: string, properties: Record<string, string>): Promise<string> {
    const response = await fetch(`${app.sandbox?.url}/__sandbox/objects/${objectType}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  test('a product created in HubSpot becomes a catalog entry linked to it (name, hs_sku, price in the company currency, read through the client)', async () => {
    const portalId = SANDBOX_DEFAULT_PORTAL_ID as PortalId;
    const first = Date.now() + 10;
    const sku = `E2E-${first}`;
    const productId = await sandboxCreate('products', { name: 'E2E dock', hs_sku: sku, price: '45.50' });
    const bare = await sandboxCreate('products', { name: 'No sku' });
    const base = {
      subscriptionId: 1_000_003,
      portalId,
      appId: 4242,
      subscriptionType: 'object.creation',
      objectTypeId: '0-7',
      changeSource: 'CRM_UI',
      sourceId: 'userId:1',
    };
    expect(
      (
        await post([
          { ...base, eventId: first, occurredAt: 1_000, objectId: Number(productId) },
          { ...base, eventId: first + 1, occurredAt: 1_000, objectId: Number(bare) },
        ])
      ).status,
    ).toBe(200);
    // The install-time catalog sync runs in the background and may have imported these products
    // first; either way the event settles and the catalog entry below is the same.
    const outcome = expect.stringMatching(/^product-(created|unchanged)$/);
    expect(await settled(portalId, [first, first + 1])).toEqual([
      { event_id: first, status: 'done', outcome },
      { event_id: first + 1, status: 'done', outcome },
    ]);
    const rows = await app.database.db
      .selectFrom('catalog_products')
      .select(['sku', 'name', 'hubspot_product_id', 'product'])
      .where('portal_id', '=', portalId)
      .where('hubspot_product_id', 'in', [productId, bare])
      .orderBy('sku')
      .execute();
    expect(rows).toEqual([
      {
        sku: sku,
        name: 'E2E dock',
        hubspot_product_id: productId,
        product: { sku, name: 'E2E dock', prices: { USD: '45.50' } },
      },
      {
        sku: `HS-${bare}`,
        name: 'No sku',
        hubspot_product_id: bare,
        // Written by the webhook ({} prices) or by the install-time sync (no prices): no price either way.
        product: expect.objectContaining({ sku: `HS-${bare}`, name: 'No sku' }),
      },
    ]);
  });

  test('a line item changed in HubSpot is resolved to its deal through v4 associations (here: a deal without a quote)', async () => {
    const portalId = SANDBOX_DEFAULT_PORTAL_ID as PortalId;
    const first = Date.now() + 20;
    const dealId = await sandboxCreate('deals', { dealname: 'E2E line item deal' });
    const lineItemId = await sandboxCreate('line_items', { name: 'Dock', quantity: '2', price: '45.5' });
    const associated = await fetch(
      `${app.sandbox?.url}/crm/v4/objects/line_items/${lineItemId}/associations/default/deals/${dealId}`,
      { method: 'PUT', headers: { authorization: `Bearer ${app.sandbox?.accessToken}` } },
    );
    expect(associated.status).toBe(200);
    const base = {
      subscriptionId: 1_000_004,
      portalId,
      appId: 4242,
      subscriptionType: 'object.propertyChange',
      objectTypeId: '0-8',
      propertyName: 'quantity',
      propertyValue: '3',
      changeSource: 'CRM_UI',
      sourceId: 'userId:1',
    };
    expect(
      (
        await post([
          { ...base, eventId: first, occurredAt: 1_000, objectId: Number(lineItemId) },
          { ...base, eventId: first + 1, occurredAt: 1_000, objectId: 987_654_321 },
        ])
      ).status,
    ).toBe(200);
    expect(await settled(portalId, [first, first + 1])).toEqual([
      { event_id: first, status: 'ignored', outcome: 'no-primary-quote' },
      { event_id: first + 1, status: 'ignored', outcome: 'line-item-no-deal' },
    ]);
  });
});
