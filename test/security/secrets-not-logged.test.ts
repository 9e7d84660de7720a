import { PassThrough } from 'node:stream';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { uninstallFromApp } from '../../src/modules/tenancy/app-initiated-uninstall.ts';
import { createInstallRuntime } from '../../src/modules/tenancy/install-runtime.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { PORTAL_A, startSecurityApp, type SecurityApp } from './security-app.ts';

let harness: SecurityApp;
let logs = '';

beforeAll(async () => {
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  harness = await startSecurityApp({ logger: createLogger({ level: 'trace', destination }) });
});
afterAll(async () => {
  await harness.close();
});

describe('tokens are never logged or returned', () => {
  test('install, refresh-on-401, error paths and uninstall at trace level: no access token, refresh token, code or client secret in logs or responses', async () => {
    const codes: string[] = [];
    const start = await fetch(`${harness.app.url}/oauth/install`, { redirect: 'manual' });
    const authorize = new URL(
      (start.headers.get('location') ?? '').replace('https://app.hubspot.com', harness.sandboxServer.url),
    );
    authorize.searchParams.set('portalId', String(PORTAL_A));
    const consent = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location') ?? '');
    codes.push(callback.searchParams.get('code') ?? '');
    const page = await (await fetch(`${harness.app.url}${callback.pathname}${callback.search}`)).text();
    // A replayed code fails at HubSpot: the error must not echo it either.
    const replay = await (await fetch(`${harness.app.url}${callback.pathname}${callback.search}`)).text();

    const runtime = await createInstallRuntime({
      config: harness.config,
      database: harness.database,
      now: () => Date.now(),
    });
    const token = await runtime.tokens.getAccessToken(toPortalId(PORTAL_A));
    runtime.tokens.invalidate(toPortalId(PORTAL_A), token);
    await runtime.tokens.getAccessToken(toPortalId(PORTAL_A));
    // Uninstall revokes them in HubSpot: remember every token HubSpot issued before.
    const issued = [
      ...Object.keys(harness.sandbox.state.data.oauth.accessTokens),
      ...Object.keys(harness.sandbox.state.data.oauth.refreshTokens),
    ];
    await uninstallFromApp(runtime, toPortalId(PORTAL_A));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const secrets = [
      ...issued,
      ...codes,
      harness.config.hubspot.clientSecret,
      harness.config.encryptionKey ?? '',
    ].filter((secret) => secret.length > 8);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect({
        secret: secret.slice(0, 12),
        inLogs: logs.includes(secret),
        inPage: page.includes(secret) || replay.includes(secret),
      }).toEqual({
        secret: secret.slice(0, 12),
        inLogs: false,
        inPage: false,
      });
    }
  });
});
