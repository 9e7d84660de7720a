import { randomBytes } from 'node:crypto';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { reencryptAllTokens } from '../../src/modules/tenancy/key-rotation.ts';
import { createTokenCipher } from '../../src/modules/tenancy/token-cipher.ts';
import { readTokens } from '../../src/modules/tenancy/install-repository.ts';
import { loadTokenCipher } from '../../src/modules/tenancy/token-keyring.ts';
import { signOAuthState } from '../../src/modules/tenancy/oauth-state.ts';
import { oauthStateKey } from '../../src/modules/tenancy/install-runtime.ts';
import { PROVISION_QUEUE } from '../../src/integrations/hubspot/sync/enqueue-provisioning.ts';
import { errorOf } from '../support/http-harness.ts';
import { INSTALLER_USER_ID, PORTAL_A, PORTAL_B, startSecurityApp, type SecurityApp } from './security-app.ts';

let harness: SecurityApp;

beforeAll(async () => {
  harness = await startSecurityApp();
});
afterAll(async () => {
  await harness.close();
});

async function portalRows() {
  return harness.database.db
    .selectFrom('portals')
    .select(['portal_id', 'status', 'features', 'scopes'])
    .orderBy('portal_id')
    .execute();
}

describe('OAuth install flow', () => {
  test('GET /oauth/install redirects to the authorize URL with required and optional scopes and a signed state', async () => {
    const response = await fetch(`${harness.app.url}/oauth/install`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('https://app.hubspot.com/oauth/authorize');
    expect(location.searchParams.get('client_id')).toBe('test-client-id');
    expect(location.searchParams.get('redirect_uri')).toBe('https://cpq.test.example/oauth/callback');
    expect(location.searchParams.get('scope')?.split(' ')).toContain('crm.objects.deals.write');
    expect(location.searchParams.get('optional_scope')?.split(' ')).toEqual(
      expect.arrayContaining(['crm.objects.invoices.read', 'marketing.campaigns.read']),
    );
    expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  test('a forged, expired or missing state is refused with 400 and stores nothing', async () => {
    const key = oauthStateKey(harness.config);
    const expired = signOAuthState(key, Date.now() - 11 * 60 * 1000);
    for (const state of ['forged.state', expired, signOAuthState(Buffer.alloc(32, 1), Date.now())]) {
      const response = await fetch(`${harness.app.url}/oauth/callback?code=x&state=${encodeURIComponent(state)}`);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('OAUTH_STATE_INVALID');
    }
    const missing = await fetch(`${harness.app.url}/oauth/callback?state=abc`);
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).issues.map((issue) => issue.path)).toContain('code');
    expect(await portalRows()).toEqual([]);
  });

  test('install stores the portal, granted scopes, optional features, encrypted tokens, the installer as admin, an audit record and the provisioning job', async () => {
    const response = await harness.install(PORTAL_A);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(`Portal ${PORTAL_A}`);
    expect(page).toContain(`/integrations-settings/${PORTAL_A}/installed`);
    expect(page).not.toMatch(/sandbox-(at|rt)-/);

    const [row] = await portalRows();
    expect(row).toMatchObject({
      portal_id: PORTAL_A,
      status: 'installed',
      features: 'native-invoices contract-custom-object',
    });
    expect(row?.scopes.split(' ')).toContain('crm.schemas.custom.write');

    const stored = await harness.database.db
      .selectFrom('portal_tokens')
      .selectAll()
      .where('portal_id', '=', PORTAL_A)
      .executeTakeFirstOrThrow();
    expect(stored.refresh_token_ciphertext).not.toContain('sandbox-rt-');
    expect(stored.access_token_ciphertext).not.toContain('sandbox-at-');
    const cipher = await loadTokenCipher(harness.config);
    expect(stored.key_id).toBe(cipher.currentKeyId);
    const tokens = await readTokens(harness.database.db, cipher, toPortalId(PORTAL_A));
    expect(harness.sandbox.tokens.findRefreshToken(tokens?.refreshToken ?? '')?.hubId).toBe(PORTAL_A);

    const roles = await harness.database.db
      .selectFrom('portal_user_roles')
      .select(['user_id', 'role'])
      .where('portal_id', '=', PORTAL_A)
      .execute();
    expect(roles).toEqual([{ user_id: INSTALLER_USER_ID, role: 'admin' }]);
    const audit = await harness.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'actor_user_id'])
      .where('portal_id', '=', PORTAL_A)
      .execute();
    expect(audit).toEqual([{ action: 'portal.installed', actor_kind: 'user', actor_user_id: INSTALLER_USER_ID }]);
    const jobs = await harness.app.jobs.counts(PROVISION_QUEUE);
    expect(Object.values(jobs).reduce((a, b) => a + b, 0)).toBe(1);
  });

  test('the card API then works for the installed portal: /api/v1/security/me names the installer as admin and the features', async () => {
    const response = await harness.signedFetch(
      'GET',
      `/api/v1/security/me?portalId=${PORTAL_A}&userId=${INSTALLER_USER_ID}`,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      portalId: PORTAL_A,
      userId: INSTALLER_USER_ID,
      roles: ['admin'],
      features: ['native-invoices', 'contract-custom-object'],
    });
  });

  test('a Professional portal that cannot grant custom-object scopes installs with those optional features off', async () => {
    const response = await harness.install(PORTAL_B, { enterprise: false });
    expect(response.status).toBe(200);
    const rows = await portalRows();
    expect(rows.find((row) => row.portal_id === PORTAL_B)?.features).toBe('native-invoices');
  });

  test('re-installing updates the same install (one row, one token row) and is audited as a re-install', async () => {
    const before = await harness.database.db
      .selectFrom('portal_tokens')
      .select('refresh_token_ciphertext')
      .where('portal_id', '=', PORTAL_A)
      .executeTakeFirstOrThrow();
    expect((await harness.install(PORTAL_A)).status).toBe(200);
    const rows = await portalRows();
    expect(rows.map((row) => row.portal_id)).toEqual([PORTAL_A, PORTAL_B]);
    const after = await harness.database.db
      .selectFrom('portal_tokens')
      .select('refresh_token_ciphertext')
      .where('portal_id', '=', PORTAL_A)
      .execute();
    expect(after).toHaveLength(1);
    expect(after[0]?.refresh_token_ciphertext).not.toBe(before.refresh_token_ciphertext);
    const actions = await harness.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('portal_id', '=', PORTAL_A)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['portal.installed', 'portal.reinstalled']);
  });

  test('HubSpot declining the install (error=access_denied) answers 403 and stores nothing new', async () => {
    const response = await fetch(`${harness.app.url}/oauth/callback?error=access_denied`);
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('INSTALL_DENIED');
    expect(await portalRows()).toHaveLength(2);
  });

  test('key rotation with ENCRYPTION_KEY: the new key encrypts, the old one (ENCRYPTION_PREVIOUS_KEYS) decrypts; every portal re-encrypted once', async () => {
    const oldKey = Buffer.from(harness.config.encryptionKey ?? '', 'base64');
    const before = await readTokens(harness.database.db, createTokenCipher(oldKey), toPortalId(PORTAL_A));
    const newKey = randomBytes(32);
    const rotating = createTokenCipher(newKey, [oldKey]);
    expect(await reencryptAllTokens(harness.database.db, rotating)).toEqual({
      keyId: rotating.currentKeyId,
      reencrypted: 2,
      alreadyCurrent: 0,
    });
    expect(await reencryptAllTokens(harness.database.db, rotating)).toEqual({
      keyId: rotating.currentKeyId,
      reencrypted: 0,
      alreadyCurrent: 2,
    });
    expect(await readTokens(harness.database.db, createTokenCipher(newKey), toPortalId(PORTAL_A))).toEqual(before);
  });
});
