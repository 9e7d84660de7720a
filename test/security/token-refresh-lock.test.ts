import { openDatabase, type Database } from '../../src/kernel/db/open-database.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { createHubSpotOAuthClient, type HubSpotOAuthClient } from '../../src/modules/tenancy/hubspot-oauth-client.ts';
import { oauthRedirectUri } from '../../src/modules/tenancy/install-runtime.ts';
import { readTokens } from '../../src/modules/tenancy/install-repository.ts';
import {
  REFRESH_MARGIN_MS,
  TOKEN_REFRESH_LOCK_NAMESPACE,
  createStoredTokenProvider,
} from '../../src/modules/tenancy/stored-token-provider.ts';
import type { TokenCipher } from '../../src/modules/tenancy/token-cipher.ts';
import { loadTokenCipher } from '../../src/modules/tenancy/token-keyring.ts';
import { TEST_SECRET } from '../support/http-harness.ts';
import { PORTAL_A, TEST_CLIENT_ID, startSecurityApp, type SecurityApp } from './security-app.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;
const onPostgres = postgresUrl ? test : test.skip;
if (!postgresUrl) {
  // Printed at load: Jest runs no hooks in a file whose only test is skipped.
  console.log(
    'token-refresh-lock: cross-process refresh race SKIPPED on PGlite (one process, one connection: no second process to race); run with TEST_DATABASE_URL',
  );
}

let harness: SecurityApp;
let cipher: TokenCipher;
let secondProcess: Database | undefined;
const portalA = toPortalId(PORTAL_A);

beforeAll(async () => {
  if (!postgresUrl) return;
  harness = await startSecurityApp();
  cipher = await loadTokenCipher(harness.config);
  expect((await harness.install(PORTAL_A)).status).toBe(200);
  // A second pool on the same schema stands in for a second app process.
  secondProcess = await openDatabase({
    kind: 'postgres',
    url: postgresUrl,
    schema: harness.database.schema,
    maxConnections: 2,
  });
});
afterAll(async () => {
  await secondProcess?.close();
  await harness?.close();
});

/** The real OAuth client against the sandbox; counts refreshes, and the first one waits for `release`. */
function gatedOAuth(): {
  client: HubSpotOAuthClient;
  refreshes: () => number;
  entered: Promise<void>;
  release: () => void;
} {
  const real = createHubSpotOAuthClient({
    apiBaseUrl: harness.sandboxServer.url,
    credentials: { clientId: TEST_CLIENT_ID, clientSecret: TEST_SECRET, redirectUri: oauthRedirectUri(harness.config) },
  });
  let count = 0;
  let signalEntered = () => {};
  const entered = new Promise<void>((resolve) => (signalEntered = resolve));
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    client: {
      ...real,
      refresh: async (token) => {
        count += 1;
        if (count === 1) {
          signalEntered();
          await gate;
        }
        return real.refresh(token);
      },
    },
    refreshes: () => count,
    entered,
    release,
  };
}

async function waitersOnRefreshLock(): Promise<number> {
  const result = await harness.database.executor.executeSql(
    `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and classid = $1 and objid = $2 and objsubid = 2`,
    [TOKEN_REFRESH_LOCK_NAMESPACE, PORTAL_A | 0],
  );
  return (result.rows[0] as { n: number }).n;
}

describe('token refresh across processes (PostgreSQL advisory lock per portal)', () => {
  onPostgres(
    'two processes needing a refresh at once: each asks HubSpot outside any transaction, the first to store wins and the other uses the stored token',
    async () => {
      const second = secondProcess;
      if (!second) throw new Error('second pool missing');
      const before = await readTokens(harness.database.db, cipher, portalA);
      const now = (before?.accessTokenExpiresAt ?? 0) - REFRESH_MARGIN_MS + 1;
      const oauth = gatedOAuth();
      const providerFor = (db: Database['db']) =>
        createStoredTokenProvider({ db, cipher, oauth: oauth.client, now: () => now, onRevoked: async () => {} });

      const first = providerFor(harness.database.db).getAccessToken(portalA);
      await oauth.entered;
      let otherSettled = false;
      const other = providerFor(second.db)
        .getAccessToken(portalA)
        .finally(() => (otherSettled = true));
      // Not a timing assertion: the refresh runs outside the transaction, so the second process
      // refreshes and stores while the first is still waiting for HubSpot.
      while (!otherSettled && (await waitersOnRefreshLock()) === 0)
        await new Promise((resolve) => setImmediate(resolve));
      oauth.release();
      const [tokenOfFirst, tokenOfOther] = await Promise.all([first, other]);

      expect(oauth.refreshes()).toBe(2);
      expect(tokenOfOther).toBe(tokenOfFirst);
      expect(tokenOfFirst).not.toBe(before?.accessToken);
      expect(await readTokens(harness.database.db, cipher, portalA)).toMatchObject({ accessToken: tokenOfFirst });
      expect(harness.sandbox.tokens.findAccessToken(tokenOfFirst)?.hubId).toBe(PORTAL_A);
    },
  );
});
