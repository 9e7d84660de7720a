import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { uninstallFromApp } from '../../src/modules/tenancy/app-initiated-uninstall.ts';
import { purgeExpiredPortals, RETENTION_SWEEP_QUEUE } from '../../src/modules/tenancy/data-retention.ts';
import { createInstallRuntime } from '../../src/modules/tenancy/install-runtime.ts';
import { errorOf } from '../support/http-harness.ts';
import { INSTALLER_USER_ID, PORTAL_A, PORTAL_B, startSecurityApp, type SecurityApp } from './security-app.ts';
import { waitFor } from '../support/wait-for.ts';

let harness: SecurityApp;
const DAY_MS = 24 * 3600 * 1000;

beforeAll(async () => {
  harness = await startSecurityApp({ env: { UNINSTALL_RETENTION_DAYS: '2' } });
});
afterAll(async () => {
  await harness.close();
});

const me = (portalId: number) =>
  harness.signedFetch('GET', `/api/v1/security/me?portalId=${portalId}&userId=${INSTALLER_USER_ID}`);

async function tenantRowCount(portalId: number): Promise<Record<string, number>> {
  const db = harness.database.db;
  const counts: Record<string, number> = {};
  counts.portal_user_roles = (
    await db.selectFrom('portal_user_roles').select('user_id').where('portal_id', '=', portalId).execute()
  ).length;
  counts.hubspot_provisioning = (
    await db.selectFrom('hubspot_provisioning').select('status').where('portal_id', '=', portalId).execute()
  ).length;
  counts.webhook_inbox = (
    await db.selectFrom('webhook_inbox').select('id').where('portal_id', '=', portalId).execute()
  ).length;
  counts.audit_log = (await db.selectFrom('audit_log').select('id').where('portal_id', '=', portalId).execute()).length;
  return counts;
}

describe('install -> provisioning -> API -> app-initiated uninstall -> retention', () => {
  test('the provisioning job runs with the stored OAuth token against HubSpot and the card API answers', async () => {
    expect((await harness.install(PORTAL_A)).status).toBe(200);
    expect((await harness.install(PORTAL_B)).status).toBe(200);
    const provisioned = await waitFor(async () =>
      harness.database.db
        .selectFrom('hubspot_provisioning')
        .select('status')
        .where('portal_id', '=', PORTAL_A)
        .executeTakeFirst(),
    );
    const report = await harness.database.db
      .selectFrom('hubspot_provisioning')
      .select('report')
      .where('portal_id', '=', PORTAL_A)
      .executeTakeFirst();
    // The job reached HubSpot authenticated with the stored token (no 401, no missing install) and
    // succeeded with the app's real scopes; line item properties degrade to "skipped" where HubSpot
    // refuses them (src/integrations/hubspot/sync/hubspot-provisioning.ts PortalCapabilities).
    expect(provisioned.status).toBe('done');
    expect(JSON.stringify(report?.report)).not.toMatch(
      /401|EXPIRED_AUTHENTICATION|INVALID_AUTHENTICATION|PORTAL_NOT_INSTALLED/,
    );
    expect(harness.sandbox.state.findPortal(PORTAL_A)).toBeDefined();
    expect((await me(PORTAL_A)).status).toBe(200);
    // A webhook row stands for the portal's other data.
    await harness.database.db
      .insertInto('webhook_inbox')
      .values({
        portal_id: PORTAL_A,
        subscription_id: 1,
        event_id: 1,
        occurred_at: 1,
        subscription_type: 'object.creation',
        object_type_id: '0-3',
        object_id: '1',
        payload: '{}',
      })
      .execute();
  });

  test('the retention sweep is scheduled at start', async () => {
    const counts = await harness.app.jobs.counts(RETENTION_SWEEP_QUEUE);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  });

  test('cpq portal uninstall (uninstallFromApp): HubSpot uninstall API called, tokens destroyed here and in HubSpot, API refused with 403, data kept', async () => {
    const runtime = await createInstallRuntime({
      config: harness.config,
      database: harness.database,
      now: () => Date.now(),
    });
    const refreshTokensBefore = Object.values(harness.sandbox.state.data.oauth.refreshTokens).filter(
      (record) => record.hubId === PORTAL_A,
    );
    expect(refreshTokensBefore.length).toBeGreaterThan(0);
    const result = await uninstallFromApp(runtime, toPortalId(PORTAL_A));
    expect(result).toMatchObject({ changed: true, hubspotCalled: true, tokensDeleted: 1 });
    expect(
      Object.values(harness.sandbox.state.data.oauth.refreshTokens).filter((record) => record.hubId === PORTAL_A),
    ).toEqual([]);
    expect(
      await harness.database.db
        .selectFrom('portal_tokens')
        .select('portal_id')
        .where('portal_id', '=', PORTAL_A)
        .execute(),
    ).toEqual([]);

    const refused = await me(PORTAL_A);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('PORTAL_UNINSTALLED');
    expect((await me(PORTAL_B)).status).toBe(200);
    expect(await tenantRowCount(PORTAL_A)).toMatchObject({
      portal_user_roles: 1,
      hubspot_provisioning: 1,
      webhook_inbox: 1,
    });
    await expect(uninstallFromApp(runtime, toPortalId(PORTAL_A))).rejects.toMatchObject({
      code: 'PORTAL_ALREADY_UNINSTALLED',
    });
  });

  test('the retention job deletes the data only after UNINSTALL_RETENTION_DAYS (2 here), keeps the audit log and the portal row, and leaves other portals alone', async () => {
    const portal = await harness.database.db
      .selectFrom('portals')
      .selectAll()
      .where('portal_id', '=', PORTAL_A)
      .executeTakeFirstOrThrow();
    const uninstalledAt = new Date(portal.uninstalled_at ?? 0).getTime();
    expect(new Date(portal.data_delete_after ?? 0).getTime()).toBe(uninstalledAt + 2 * DAY_MS);

    expect(await purgeExpiredPortals(harness.database.db, new Date(uninstalledAt + 2 * DAY_MS - 1))).toEqual([]);
    expect(await tenantRowCount(PORTAL_A)).toMatchObject({ portal_user_roles: 1, webhook_inbox: 1 });

    const auditBefore = (await tenantRowCount(PORTAL_A)).audit_log ?? 0;
    const purged = await purgeExpiredPortals(harness.database.db, new Date(uninstalledAt + 2 * DAY_MS));
    expect(purged).toEqual([
      {
        portalId: PORTAL_A,
        // The install also imported the sandbox's product library (background job): those rows go too.
        deleted: expect.objectContaining({ hubspot_provisioning: 1, portal_user_roles: 1, webhook_inbox: 1 }),
      },
    ]);
    expect(await tenantRowCount(PORTAL_A)).toEqual({
      portal_user_roles: 0,
      hubspot_provisioning: 0,
      webhook_inbox: 0,
      audit_log: auditBefore + 1,
    });
    const last = await harness.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind'])
      .where('portal_id', '=', PORTAL_A)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ action: 'portal.data_deleted', actor_kind: 'system' });
    const row = await harness.database.db
      .selectFrom('portals')
      .select(['status', 'data_deleted_at'])
      .where('portal_id', '=', PORTAL_A)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('uninstalled');
    expect(row.data_deleted_at).not.toBeNull();
    expect((await tenantRowCount(PORTAL_B)).portal_user_roles).toBe(1);
    // A second sweep finds nothing left to do.
    expect(await purgeExpiredPortals(harness.database.db, new Date(uninstalledAt + 3 * DAY_MS))).toEqual([]);
  });

  test('re-installing after an uninstall brings the portal back: status installed, deletion cancelled, API answers', async () => {
    expect((await harness.install(PORTAL_A)).status).toBe(200);
    const row = await harness.database.db
      .selectFrom('portals')
      .selectAll()
      .where('portal_id', '=', PORTAL_A)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'installed',
      uninstalled_at: null,
      data_delete_after: null,
      data_deleted_at: null,
      uninstall_reason: null,
    });
    expect((await me(PORTAL_A)).status).toBe(200);
  });
});
