// Security benchmark (docs/security.md): `npm run bench:security`. Prints JSON: AES-256-GCM token
// encrypt/decrypt cost, and what the StoredTokenProvider's "read the row on every call, no
// plaintext cache" decision costs per HubSpot call (PGlite in memory: DB read + decrypt), plus the
// per-request cost of the /api install guard's lookup.
import { randomBytes } from 'node:crypto';
import { migrateDatabase } from '../src/kernel/db/migrate-database.ts';
import { openDatabase } from '../src/kernel/db/open-database.ts';
import { toPortalId } from '../src/kernel/db/portal-id.ts';
import { saveTokens, upsertInstall } from '../src/modules/tenancy/install-repository.ts';
import type { HubSpotOAuthClient } from '../src/modules/tenancy/hubspot-oauth-client.ts';
import { createStoredTokenProvider } from '../src/modules/tenancy/stored-token-provider.ts';
import { createTokenCipher } from '../src/modules/tenancy/token-cipher.ts';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const cipher = createTokenCipher(randomBytes(32));
  const token = `sandbox-at-${randomBytes(16).toString('hex')}`;
  const N = 20_000;
  let started = process.hrtime.bigint();
  let last = cipher.encrypt(token);
  for (let i = 0; i < N; i += 1) last = cipher.encrypt(token);
  const encryptUs = Number(process.hrtime.bigint() - started) / 1000 / N;
  started = process.hrtime.bigint();
  for (let i = 0; i < N; i += 1) cipher.decrypt(last.keyId, last.ciphertext);
  const decryptUs = Number(process.hrtime.bigint() - started) / 1000 / N;

  const database = await openDatabase({ kind: 'pglite' });
  await migrateDatabase(database);
  const portalId = toPortalId(12345678);
  const now = Date.now();
  await upsertInstall(database.db, portalId, {
    hubDomain: null,
    scopes: ['oauth'],
    features: [],
    installedByUserId: 1,
    now: new Date(now),
  });
  await saveTokens(
    database.db,
    cipher,
    portalId,
    { refreshToken: 'rt', accessToken: token, accessTokenExpiresAt: now + 1_800_000 },
    new Date(now),
  );
  const noRefresh: HubSpotOAuthClient = {
    exchangeCode: () => Promise.reject(new Error('unused')),
    refresh: () => Promise.reject(new Error('the bench never refreshes')),
    tokenInfo: () => Promise.reject(new Error('unused')),
    uninstall: () => Promise.reject(new Error('unused')),
  };
  const provider = createStoredTokenProvider({
    db: database.db,
    cipher,
    oauth: noRefresh,
    now: () => now,
    onRevoked: async () => undefined,
  });
  const calls = 2_000;
  const samples: number[] = [];
  for (let i = 0; i < 200; i += 1) await provider.getAccessToken(portalId);
  for (let i = 0; i < calls; i += 1) {
    const t0 = process.hrtime.bigint();
    await provider.getAccessToken(portalId);
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const guard: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const t0 = process.hrtime.bigint();
    await database.db.selectFrom('portals').select('status').where('portal_id', '=', portalId).executeTakeFirst();
    guard.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  await database.close();
  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'security',
        database: 'pglite (in memory)',
        tokenEncryptUs: round(encryptUs, 2),
        tokenDecryptUs: round(decryptUs, 2),
        getAccessTokenUs: { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), calls },
        installGuardLookupUs: { p50: round(percentile(guard, 50)), p95: round(percentile(guard, 95)), calls },
      },
      null,
      2,
    )}\n`,
  );
}

await main();
