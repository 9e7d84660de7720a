import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config.ts';
import type { PortalId } from '../../src/db/portal-id.ts';
import { signV3 } from '../../src/hubspot/signature-digests.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { startApp, type RunningApp } from '../../src/main/app-runtime.ts';
import { SANDBOX_DEFAULT_PORTAL_ID } from '../../src/sandbox/hubspot-sandbox.ts';
import { webhooksModule } from '../../webhooks/webhooks-module.ts';

const PUBLIC = 'http://cpq.webhooks.test';

describe('webhooks module in the running app (sandbox mode)', () => {
  let app: RunningApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cpq-webhooks-'));
    const env: Record<string, string> = { DATA_DIR: dataDir, PORT: '0', SANDBOX_PORT: '0', PUBLIC_BASE_URL: PUBLIC, LOG_LEVEL: 'silent' };
    if (process.env.TEST_DATABASE_URL) env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    const config = loadConfig(env);
    app = await startApp({ config, logger: createLogger({ level: 'silent' }), modules: [webhooksModule] });
  });

  afterAll(async () => {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function post(events: unknown[]): Promise<Response> {
    const body = JSON.stringify(events);
    const timestamp = String(Date.now());
    const signature = signV3({ clientSecret: loadConfig({}).hubspot.clientSecret, method: 'POST', uri: `${PUBLIC}/webhooks/hubspot`, rawBody: body, timestamp });
    return fetch(`${app.url}/webhooks/hubspot`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp }, body });
  }

  /** Waits for the pg-boss worker to finish the portal's pending rows (bounded; not a timing assertion). */
  async function settled(portalId: PortalId, eventIds: number[]): Promise<Array<{ event_id: number; status: string; outcome: string | null }>> {
    for (let i = 0; i < 200; i += 1) {
      const rows = await app.database.db
        .selectFrom('webhook_inbox')
        .select(['event_id', 'status', 'outcome'])
        .where('portal_id', '=', portalId)
        .where('event_id', 'in', eventIds)
        .orderBy('event_id')
        .execute();
      if (rows.length > 0 && rows.every((row) => row.status !== 'pending')) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('webhook events were not processed');
  }

  test('the demo portal counts as installed; its events are stored, then processed by the worker (own writes of app 4242 ignored)', async () => {
    const portalId = SANDBOX_DEFAULT_PORTAL_ID as PortalId;
    const portal = await app.database.db.selectFrom('portals').select(['status']).where('portal_id', '=', portalId).executeTakeFirst();
    expect(portal?.status).toBe('installed');
    // On PostgreSQL the app runs in the shared database: event and object ids unique to this run.
    const first = Date.now();
    const base = { subscriptionId: 1_000_002, portalId, appId: 4242, subscriptionType: 'deal.propertyChange', objectId: first, propertyName: 'amount', propertyValue: '10' };
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
