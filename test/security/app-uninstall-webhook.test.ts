import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { signV3 } from '../../src/kernel/http/hubspot-signature.ts';
import { errorOf, TEST_PUBLIC_BASE_URL, TEST_SECRET } from '../support/http-harness.ts';
import { INSTALLER_USER_ID, PORTAL_A, PORTAL_B, startSecurityApp, type SecurityApp } from './security-app.ts';
import { waitFor } from '../support/wait-for.ts';

const APP_ID = 4242;
const WORK_QUEUE = 'test.portal-work';
let harness: SecurityApp;
let nextEventId = Date.now();

beforeAll(async () => {
  harness = await startSecurityApp({ env: { HUBSPOT_APP_ID: String(APP_ID) } });
  expect((await harness.install(PORTAL_A)).status).toBe(200);
  expect((await harness.install(PORTAL_B)).status).toBe(200);
  await harness.app.jobs.defineQueue({ name: WORK_QUEUE });
});
afterAll(async () => {
  await harness.close();
});

/** HubSpot's delivery: a signed POST of an event array to /webhooks/hubspot. */
async function deliver(events: unknown[], options: { signed?: boolean } = {}): Promise<Response> {
  const body = JSON.stringify(events);
  const timestamp = String(Date.now());
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.signed !== false) {
    headers['x-hubspot-request-timestamp'] = timestamp;
    headers['x-hubspot-signature-v3'] = signV3({
      clientSecret: TEST_SECRET,
      method: 'POST',
      uri: `${TEST_PUBLIC_BASE_URL}/webhooks/hubspot`,
      rawBody: body,
      timestamp,
    });
  }
  return fetch(`${harness.app.url}/webhooks/hubspot`, { method: 'POST', headers, body });
}

function uninstallEvent(portalId: number, fields: Record<string, unknown> = {}) {
  nextEventId += 1;
  return {
    eventId: nextEventId,
    subscriptionId: 1_000_900,
    portalId,
    appId: APP_ID,
    occurredAt: Date.now(),
    subscriptionType: 'APP_UNINSTALL',
    attemptNumber: 0,
    ...fields,
  };
}

/** Waits for the webhooks worker to settle the event (bounded polling; the assertions are on rows). */
async function settled(portalId: number, eventId: number): Promise<{ status: string; outcome: string | null }> {
  return waitFor(
    async () => {
      const row = await harness.database.db
        .selectFrom('webhook_inbox')
        .select(['status', 'outcome'])
        .where('portal_id', '=', toPortalId(portalId))
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return row && row.status !== 'pending' && row;
    },
    { what: `webhook event ${eventId} processed` },
  );
}

async function queuedJobs(portalId: number): Promise<number> {
  const result = await harness.database.executor.executeSql(
    `select count(*)::int as n from ${harness.database.jobSchema}.job where name = $1 and state in ('created', 'retry') and data->>'portalId' = $2`,
    [WORK_QUEUE, String(portalId)],
  );
  return (result.rows[0] as { n: number }).n;
}

async function portal(portalId: number) {
  return harness.database.db
    .selectFrom('portals')
    .select(['status', 'uninstall_reason', 'uninstalled_at', 'data_delete_after'])
    .where('portal_id', '=', portalId)
    .executeTakeFirstOrThrow();
}

async function tokenRows(portalId: number): Promise<number> {
  return (
    await harness.database.db
      .selectFrom('portal_tokens')
      .select('portal_id')
      .where('portal_id', '=', portalId)
      .execute()
  ).length;
}

describe('customer uninstall delivered as an APP_UNINSTALL webhook', () => {
  test('an unsigned uninstall event is refused with 401 and the portal stays installed', async () => {
    const response = await deliver([uninstallEvent(PORTAL_A)], { signed: false });
    expect(response.status).toBe(401);
    expect((await portal(PORTAL_A)).status).toBe('installed');
    expect(await tokenRows(PORTAL_A)).toBe(1);
  });

  test('an uninstall event naming another app is acknowledged and ignored (other-app): nothing changes', async () => {
    const event = uninstallEvent(PORTAL_A, { appId: 9999 });
    expect((await deliver([event])).status).toBe(200);
    expect(await settled(PORTAL_A, event.eventId)).toEqual({ status: 'ignored', outcome: 'other-app' });
    expect((await portal(PORTAL_A)).status).toBe('installed');
    expect(await tokenRows(PORTAL_A)).toBe(1);
  });

  test('APP_UNINSTALL runs the customer uninstall: tokens deleted at once, queued jobs stopped, deletion scheduled after retention, audited; the other portal untouched', async () => {
    await harness.app.jobs.send(WORK_QUEUE, { portalId: PORTAL_A }, { startAfterSeconds: 3600 });
    await harness.app.jobs.send(WORK_QUEUE, { portalId: PORTAL_B }, { startAfterSeconds: 3600 });
    expect(await queuedJobs(PORTAL_A)).toBe(1);
    const event = uninstallEvent(PORTAL_A);
    expect((await deliver([event])).status).toBe(200);
    expect(await settled(PORTAL_A, event.eventId)).toEqual({ status: 'done', outcome: 'portal-uninstalled' });

    const row = await portal(PORTAL_A);
    expect(row).toMatchObject({ status: 'uninstalled', uninstall_reason: 'customer' });
    expect(new Date(row.data_delete_after ?? 0).getTime() - new Date(row.uninstalled_at ?? 0).getTime()).toBe(
      30 * 24 * 3600 * 1000,
    );
    expect(await tokenRows(PORTAL_A)).toBe(0);
    expect(await queuedJobs(PORTAL_A)).toBe(0);
    const audit = await harness.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'details'])
      .where('portal_id', '=', PORTAL_A)
      .where('action', '=', 'portal.uninstalled')
      .execute();
    expect(audit).toEqual([
      {
        action: 'portal.uninstalled',
        actor_kind: 'hubspot',
        details: {
          reason: 'customer',
          detectedBy: 'webhook',
          tokensDeleted: 1,
          jobsStopped: 1,
          dataDeleteAfter: new Date(row.data_delete_after ?? 0).toISOString(),
        },
      },
    ]);

    // The card API is refused for the uninstalled portal; portal B keeps its install, tokens and job.
    const api = await harness.signedFetch(
      'GET',
      `/api/v1/security/me?portalId=${PORTAL_A}&userId=${INSTALLER_USER_ID}`,
    );
    expect(api.status).toBe(403);
    expect((await errorOf(api)).code).toBe('PORTAL_UNINSTALLED');
    expect((await portal(PORTAL_B)).status).toBe('installed');
    expect(await tokenRows(PORTAL_B)).toBe(1);
    expect(await queuedJobs(PORTAL_B)).toBe(1);
  });

  test('a redelivered uninstall event for the uninstalled portal is acknowledged and dropped (no second audit record)', async () => {
    const response = await deliver([uninstallEvent(PORTAL_A)]);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 0, dropped: 1 });
    const audits = await harness.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('portal_id', '=', PORTAL_A)
      .where('action', '=', 'portal.uninstalled')
      .execute();
    expect(audits).toHaveLength(1);
  });

  test('the `app.uninstall` spelling in eventType is accepted too', async () => {
    const event = uninstallEvent(PORTAL_B, { subscriptionType: undefined, eventType: 'app.uninstall' });
    expect((await deliver([event])).status).toBe(200);
    expect(await settled(PORTAL_B, event.eventId)).toEqual({ status: 'done', outcome: 'portal-uninstalled' });
    expect(await portal(PORTAL_B)).toMatchObject({ status: 'uninstalled', uninstall_reason: 'customer' });
    expect(await tokenRows(PORTAL_B)).toBe(0);
  });
});
