import { signOAuthState, verifyOAuthState, OAUTH_STATE_TTL_MS } from '../../src/modules/tenancy/oauth-state.ts';
import { consumeOAuthState } from '../../src/modules/tenancy/oauth-state-nonces.ts';
import { oauthStateKey } from '../../src/modules/tenancy/install-runtime.ts';
import { errorOf, TEST_PUBLIC_BASE_URL } from '../support/http-harness.ts';
import { PORTAL_A, startSecurityApp, type SecurityApp } from './security-app.ts';

let harness: SecurityApp;

beforeAll(async () => {
  harness = await startSecurityApp();
});
afterAll(async () => {
  await harness.close();
});

/** /oauth/install -> sandbox consent -> the callback URL the browser would open (not opened yet). */
async function callbackUrl(portalId: number): Promise<string> {
  const start = await fetch(`${harness.app.url}/oauth/install`, { redirect: 'manual' });
  const authorize = new URL(
    (start.headers.get('location') ?? '').replace('https://app.hubspot.com', harness.sandboxServer.url),
  );
  authorize.searchParams.set('portalId', String(portalId));
  const consent = await fetch(authorize, { redirect: 'manual' });
  return (consent.headers.get('location') ?? '').replace(TEST_PUBLIC_BASE_URL, harness.app.url);
}

async function snapshot() {
  const db = harness.database.db;
  return {
    portals: await db.selectFrom('portals').selectAll().orderBy('portal_id').execute(),
    tokens: await db.selectFrom('portal_tokens').selectAll().where('portal_id', '=', PORTAL_A).execute(),
    audit: await db
      .selectFrom('audit_log')
      .select(['id', 'action'])
      .where('portal_id', '=', PORTAL_A)
      .orderBy('id')
      .execute(),
    nonces: await db.selectFrom('oauth_state_nonces').select('nonce').orderBy('nonce').execute(),
  };
}

describe('OAuth state is single-use', () => {
  test('a second callback with an already consumed state is refused with 400 OAUTH_STATE_INVALID and writes nothing', async () => {
    const first = await callbackUrl(PORTAL_A);
    expect((await fetch(first, { redirect: 'manual' })).status).toBe(200);
    const before = await snapshot();
    expect(before.nonces).toHaveLength(1);
    expect(before.audit.map((a) => a.action)).toEqual(['portal.installed']);

    // The same state with a fresh, valid code from HubSpot: only the state is the replay.
    const second = new URL(await callbackUrl(PORTAL_A));
    second.searchParams.set('state', new URL(first).searchParams.get('state') ?? '');
    const replay = await fetch(second, { redirect: 'manual' });
    expect(replay.status).toBe(400);
    const error = await errorOf(replay);
    expect(error.code).toBe('OAUTH_STATE_INVALID');
    expect(error.issues.map((issue) => issue.path)).toEqual(['state']);
    expect(await snapshot()).toEqual(before);
  });

  test('two concurrent callbacks with the same state: exactly one installs', async () => {
    const url = await callbackUrl(PORTAL_A);
    const answers = await Promise.all([fetch(url, { redirect: 'manual' }), fetch(url, { redirect: 'manual' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const audit = await harness.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('portal_id', '=', PORTAL_A)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['portal.installed', 'portal.reinstalled']);
  });

  test('consuming a state deletes the nonces of states that have expired (the table keeps at most 10 minutes)', async () => {
    const key = oauthStateKey(harness.config);
    const db = harness.database.db;
    const now = Date.now();
    const old = verifyOAuthState(key, signOAuthState(key, now), now);
    await consumeOAuthState(db, old, now);
    const later = now + OAUTH_STATE_TTL_MS + 1;
    const fresh = verifyOAuthState(key, signOAuthState(key, later), later);
    await consumeOAuthState(db, fresh, later);
    const nonces = (await db.selectFrom('oauth_state_nonces').select('nonce').execute()).map((row) => row.nonce);
    expect(nonces).toContain(fresh.nonce);
    expect(nonces).not.toContain(old.nonce);
    await expect(consumeOAuthState(db, fresh, later)).rejects.toMatchObject({
      kind: 'validation',
      code: 'OAUTH_STATE_INVALID',
    });
  });
});
