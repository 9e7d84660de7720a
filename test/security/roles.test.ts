import { Router } from 'express';
import { requireRole } from '../../src/modules/tenancy/require-role.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';
import { INSTALLER_USER_ID, PORTAL_A, PORTAL_B, startSecurityApp, type SecurityApp } from './security-app.ts';

let harness: SecurityApp;
const REP = 2;

beforeAll(async () => {
  harness = await startSecurityApp();
  expect((await harness.install(PORTAL_A)).status).toBe(200);
  expect((await harness.install(PORTAL_B)).status).toBe(200);
});
afterAll(async () => {
  await harness.close();
});

const as = (portalId: number, userId: number | undefined, method: string, path: string, body?: unknown) =>
  harness.signedFetch(
    method,
    `/api${path}?portalId=${portalId}${userId === undefined ? '' : `&userId=${userId}`}`,
    body === undefined ? {} : { body: JSON.stringify(body) },
  );

async function roleRows(portalId: number) {
  return harness.database.db
    .selectFrom('portal_user_roles')
    .select(['user_id', 'role', 'granted_by_user_id'])
    .where('portal_id', '=', portalId)
    .orderBy('user_id')
    .orderBy('role')
    .execute();
}

describe('app roles from the signed userId', () => {
  test('the installing user is the portal admin; a user without a role sees no roles and is refused admin routes with 403 ROLE_REQUIRED', async () => {
    expect(await (await as(PORTAL_A, INSTALLER_USER_ID, 'GET', '/v1/security/roles')).json()).toEqual({
      assignments: [{ userId: INSTALLER_USER_ID, roles: ['admin'] }],
    });
    expect(await (await as(PORTAL_A, REP, 'GET', '/v1/security/me')).json()).toMatchObject({ userId: REP, roles: [] });
    for (const [method, path, body] of [
      ['GET', '/v1/security/roles', undefined],
      ['PUT', `/v1/security/roles/${REP}`, { roles: ['admin'] }],
      ['GET', '/v1/audit', undefined],
    ] as const) {
      const response = await as(PORTAL_A, REP, method, path, body);
      expect({ path, status: response.status, code: (await errorOf(response)).code }).toEqual({
        path,
        status: 403,
        code: 'ROLE_REQUIRED',
      });
    }
    expect(await roleRows(PORTAL_A)).toEqual([{ user_id: INSTALLER_USER_ID, role: 'admin', granted_by_user_id: null }]);
  });

  test('a signed request without userId gets 403 SIGNED_USER_MISSING (roles need a user)', async () => {
    const response = await as(PORTAL_A, undefined, 'GET', '/v1/security/me');
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('SIGNED_USER_MISSING');
  });

  test('an admin grants approver; the change is stored with the grantor and audited with before/after', async () => {
    const response = await as(PORTAL_A, INSTALLER_USER_ID, 'PUT', `/v1/security/roles/${REP}`, { roles: ['approver'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId: REP, roles: ['approver'], previousRoles: [] });
    expect(await roleRows(PORTAL_A)).toEqual([
      { user_id: INSTALLER_USER_ID, role: 'admin', granted_by_user_id: null },
      { user_id: REP, role: 'approver', granted_by_user_id: INSTALLER_USER_ID },
    ]);
    const audit = await harness.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'entity_id', 'details'])
      .where('portal_id', '=', PORTAL_A)
      .where('action', '=', 'roles.changed')
      .execute();
    expect(audit).toEqual([
      {
        action: 'roles.changed',
        actor_user_id: INSTALLER_USER_ID,
        entity_id: String(REP),
        details: { before: [], after: ['approver'] },
      },
    ]);
    // Portal B is untouched: the portal comes from the signature only.
    expect(await roleRows(PORTAL_B)).toEqual([{ user_id: INSTALLER_USER_ID, role: 'admin', granted_by_user_id: null }]);
  });

  test('removing the last admin is refused with 409 LAST_ADMIN and nothing changes (one transaction)', async () => {
    const before = await roleRows(PORTAL_A);
    const response = await as(PORTAL_A, INSTALLER_USER_ID, 'PUT', `/v1/security/roles/${INSTALLER_USER_ID}`, {
      roles: ['approver'],
    });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('LAST_ADMIN');
    expect(await roleRows(PORTAL_A)).toEqual(before);
  });

  test('unknown roles and extra fields are 400 naming the field', async () => {
    const bad = await as(PORTAL_A, INSTALLER_USER_ID, 'PUT', `/v1/security/roles/${REP}`, { roles: ['superuser'] });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues.map((issue) => issue.path)).toEqual(['roles.0']);
    const extra = await as(PORTAL_A, INSTALLER_USER_ID, 'PUT', `/v1/security/roles/${REP}`, {
      roles: [],
      portalId: PORTAL_B,
    });
    expect(extra.status).toBe(400);
  });

  test('the audit API lists the portal entries newest first, pages with before, and 404s on an id of another portal', async () => {
    const page = (await (await as(PORTAL_A, INSTALLER_USER_ID, 'GET', '/v1/audit')).json()) as {
      entries: Array<{ id: number; action: string; portalId: number }>;
    };
    expect(page.entries.map((entry) => entry.action)).toEqual(['roles.changed', 'portal.installed']);
    expect(new Set(page.entries.map((entry) => entry.portalId))).toEqual(new Set([PORTAL_A]));
    const older = (await (
      await harness.signedFetch(
        'GET',
        `/api/v1/audit?portalId=${PORTAL_A}&userId=${INSTALLER_USER_ID}&before=${page.entries[0]?.id}`,
      )
    ).json()) as { entries: Array<{ action: string }> };
    expect(older.entries.map((entry) => entry.action)).toEqual(['portal.installed']);
    const bEntry = await harness.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('portal_id', '=', PORTAL_B)
      .executeTakeFirstOrThrow();
    const cross = await as(PORTAL_A, INSTALLER_USER_ID, 'GET', `/v1/audit/${bEntry.id}`);
    expect(cross.status).toBe(404);
    const own = await as(PORTAL_B, INSTALLER_USER_ID, 'GET', `/v1/audit/${bEntry.id}`);
    expect(await own.json()).toMatchObject({ id: bEntry.id, portalId: PORTAL_B, action: 'portal.installed' });
  });
});

describe('requireRole for other modules’ routes', () => {
  let http: HttpHarness;
  beforeAll(async () => {
    const router = Router();
    router.post('/v1/approve', async (_req, res) => {
      const caller = await requireRole(http.database.db, res, 'approver');
      res.json({ approvedBy: caller.userId });
    });
    http = await startHttpHarness({ apiRouters: [router] });
    await http.database.db
      .insertInto('portal_user_roles')
      .values([
        { portal_id: PORTAL_A, user_id: 7, role: 'approver', granted_by_user_id: null },
        { portal_id: PORTAL_A, user_id: 8, role: 'admin', granted_by_user_id: null },
        { portal_id: PORTAL_B, user_id: 9, role: 'approver', granted_by_user_id: null },
      ])
      .execute();
  });
  afterAll(async () => {
    await http.close();
  });

  test('only approvers of the signed portal approve: approver 200; admin without approver 403; approver of another portal 403', async () => {
    const call = (userId: number) =>
      http.signedFetch('POST', `/api/v1/approve?portalId=${PORTAL_A}&userId=${userId}`, { body: '{}' });
    expect(await (await call(7)).json()).toEqual({ approvedBy: 7 });
    expect((await call(8)).status).toBe(403);
    expect((await call(9)).status).toBe(403);
  });
});
