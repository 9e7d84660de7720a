import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';
import { createHubSpotOAuthClient, type HubSpotOAuthClient } from '../../src/modules/tenancy/hubspot-oauth-client.ts';
import { oauthRedirectUri } from '../../src/modules/tenancy/install-runtime.ts';
import { readTokens } from '../../src/modules/tenancy/install-repository.ts';
import { uninstallPortal } from '../../src/modules/tenancy/portal-uninstall.ts';
import { REFRESH_MARGIN_MS, createStoredTokenProvider } from '../../src/modules/tenancy/stored-token-provider.ts';
import type { TokenCipher } from '../../src/modules/tenancy/token-cipher.ts';
import { loadTokenCipher } from '../../src/modules/tenancy/token-keyring.ts';
import { TEST_SECRET } from '../support/http-harness.ts';
import { PORTAL_A, PORTAL_B, TEST_CLIENT_ID, startSecurityApp, type SecurityApp } from './security-app.ts';

let harness: SecurityApp;
let cipher: TokenCipher;
const portalA = toPortalId(PORTAL_A);
const portalB = toPortalId(PORTAL_B);
const WORK_QUEUE = 'test.portal-work';

beforeAll(async () => {
  harness = await startSecurityApp();
  cipher = await loadTokenCipher(harness.config);
  expect((await harness.install(PORTAL_A)).status).toBe(200);
  expect((await harness.install(PORTAL_B)).status).toBe(200);
  await harness.app.jobs.defineQueue({ name: WORK_QUEUE });
});
afterAll(async () => {
  await harness.close();
});

/** The real OAuth client against the sandbox, counting refreshes (our own port, so our own wrapper). */
function countingOAuth(): { client: HubSpotOAuthClient; refreshes: () => number } {
  const real = createHubSpotOAuthClient({
    apiBaseUrl: harness.sandboxServer.url,
    credentials: { clientId: TEST_CLIENT_ID, clientSecret: TEST_SECRET, redirectUri: oauthRedirectUri(harness.config) },
  });
  let count = 0;
  return {
    client: { ...real, refresh: (token) => ((count += 1), real.refresh(token)) },
    refreshes: () => count,
  };
}

function provider(now: { value: number }, oauth: HubSpotOAuthClient) {
  const { db, jobSchema } = harness.database;
  return createStoredTokenProvider({
    db,
    cipher,
    oauth,
    now: () => now.value,
    onRevoked: async (portalId) => {
      await uninstallPortal(db, jobSchema, portalId, {
        reason: 'customer',
        actorKind: 'hubspot',
        now: new Date(now.value),
        retentionDays: 30,
      });
    },
  });
}

async function expiresAt(portalId: number): Promise<number> {
  return (await readTokens(harness.database.db, cipher, toPortalId(portalId)))?.accessTokenExpiresAt ?? 0;
}

describe('StoredTokenProvider', () => {
  test('a token more than 5 minutes from expiry is returned as stored, without a refresh', async () => {
    const oauth = countingOAuth();
    const now = { value: Date.now() };
    const token = await provider(now, oauth.client).getAccessToken(portalA);
    expect(token).toBe((await readTokens(harness.database.db, cipher, portalA))?.accessToken);
    expect(oauth.refreshes()).toBe(0);
  });

  test('within 5 minutes of expiry the token is refreshed once for 10 concurrent callers (single-flight) and stored encrypted', async () => {
    const stored = await readTokens(harness.database.db, cipher, portalA);
    const single = countingOAuth();
    const sharedProvider = provider({ value: (await expiresAt(PORTAL_A)) - REFRESH_MARGIN_MS + 1 }, single.client);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => sharedProvider.getAccessToken(portalA)));
    expect(single.refreshes()).toBe(1);
    expect(new Set(concurrent).size).toBe(1);
    expect(concurrent[0]).not.toBe(stored?.accessToken);
    expect(harness.sandbox.tokens.findAccessToken(concurrent[0] ?? '')?.hubId).toBe(PORTAL_A);
    const row = await harness.database.db
      .selectFrom('portal_tokens')
      .selectAll()
      .where('portal_id', '=', PORTAL_A)
      .executeTakeFirstOrThrow();
    expect(row.access_token_ciphertext).not.toContain(concurrent[0] ?? '');
    expect(await readTokens(harness.database.db, cipher, portalA)).toMatchObject({ accessToken: concurrent[0] });
  });

  test('invalidate(token) after a HubSpot 401 makes the next call refresh even though the token looks fresh', async () => {
    const oauth = countingOAuth();
    const tokens = provider({ value: Date.now() }, oauth.client);
    const first = await tokens.getAccessToken(portalA);
    tokens.invalidate(portalA, first);
    const second = await tokens.getAccessToken(portalA);
    expect(oauth.refreshes()).toBe(1);
    expect(second).not.toBe(first);
  });

  test('a never-installed portal gets forbidden PORTAL_NOT_INSTALLED', async () => {
    const oauth = countingOAuth();
    await expect(
      provider({ value: Date.now() }, oauth.client).getAccessToken(toPortalId(424242)),
    ).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'PORTAL_NOT_INSTALLED',
    });
  });

  test('invalid_grant on refresh (customer uninstalled in HubSpot): portal uninstalled, tokens deleted, queued jobs stopped, audited; other portals untouched', async () => {
    await harness.app.jobs.send(WORK_QUEUE, { portalId: PORTAL_B }, { startAfterSeconds: 3600 });
    await harness.app.jobs.send(WORK_QUEUE, { portalId: PORTAL_A }, { startAfterSeconds: 3600 });
    const queued = await harness.database.executor.executeSql(
      `select count(*)::int as n from ${harness.database.jobSchema}.job where state in ('created', 'retry') and data->>'portalId' = $1`,
      [String(PORTAL_B)],
    );
    const queuedForB = (queued.rows[0] as { n: number }).n;
    expect(queuedForB).toBeGreaterThanOrEqual(1);
    const response = await fetch(`${harness.sandboxServer.url}/__sandbox/portals/${PORTAL_B}/uninstall`, {
      method: 'POST',
    });
    expect(response.status).toBe(204);
    const oauth = countingOAuth();
    const now = { value: (await expiresAt(PORTAL_B)) + 1 };
    const error = await provider(now, oauth.client)
      .getAccessToken(portalB)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'PORTAL_NOT_INSTALLED' });

    const portal = await harness.database.db
      .selectFrom('portals')
      .selectAll()
      .where('portal_id', '=', PORTAL_B)
      .executeTakeFirstOrThrow();
    expect(portal).toMatchObject({ status: 'uninstalled', uninstall_reason: 'customer' });
    expect(new Date(portal.data_delete_after ?? 0).getTime()).toBe(now.value + 30 * 24 * 3600 * 1000);
    expect(
      await harness.database.db
        .selectFrom('portal_tokens')
        .select('portal_id')
        .where('portal_id', '=', PORTAL_B)
        .execute(),
    ).toEqual([]);
    const jobs = await harness.database.executor.executeSql(
      `select data->>'portalId' as portal from ${harness.database.jobSchema}.job where name = $1 order by 1`,
      [WORK_QUEUE],
    );
    expect(jobs.rows).toEqual([{ portal: String(PORTAL_A) }]);
    const leftForB = await harness.database.executor.executeSql(
      `select count(*)::int as n from ${harness.database.jobSchema}.job where state in ('created', 'retry') and data->>'portalId' = $1`,
      [String(PORTAL_B)],
    );
    expect(leftForB.rows).toEqual([{ n: 0 }]);
    const audit = await harness.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'details'])
      .where('portal_id', '=', PORTAL_B)
      .where('action', '=', 'portal.uninstalled')
      .execute();
    expect(audit).toEqual([
      {
        action: 'portal.uninstalled',
        actor_kind: 'hubspot',
        details: expect.objectContaining({ reason: 'customer', tokensDeleted: 1, jobsStopped: queuedForB }),
      },
    ]);
    expect(
      (
        await harness.database.db
          .selectFrom('portals')
          .select('status')
          .where('portal_id', '=', PORTAL_A)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('installed');
  });
});
