import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../../src/kernel/config/app-config.ts';
import { signV3 } from '../../src/kernel/http/hubspot-signature.ts';
import { createLogger, type Logger } from '../../src/kernel/logging/logger.ts';
import type { AppModule } from '../../src/kernel/app-module.ts';
import { startApp, type RunningApp } from '../../src/main/app-runtime.ts';
import {
  createHubSpotSandbox,
  type HubSpotSandbox,
  type SandboxServer,
} from '../../tools/hubspot-sandbox/hubspot-sandbox.ts';
import { TEST_PUBLIC_BASE_URL, TEST_SECRET } from '../support/http-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

export const TEST_CLIENT_ID = 'test-client-id';
export const PORTAL_A = 12345678;
export const PORTAL_B = 87654321;
/** The sandbox's installing user (token info user_id); becomes the portal's first app admin. */
export const INSTALLER_USER_ID = 1;

export interface SecurityApp {
  app: RunningApp;
  config: AppConfig;
  database: TestDatabase;
  sandbox: HubSpotSandbox;
  sandboxServer: SandboxServer;
  /** The browser's walk: /oauth/install -> HubSpot authorize (auto-consent) -> /oauth/callback. */
  install(portalId: number, options?: { enterprise?: boolean }): Promise<Response>;
  signedFetch(
    method: string,
    pathAndQuery: string,
    options?: { body?: string; secret?: string; contentType?: string },
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real composition (startApp with every module, production mode rules: credentials given, so
 * unknown portals are refused) against a local HubSpot sandbox standing in for HubSpot.
 */
export async function startSecurityApp(
  options: { modules?: readonly AppModule[]; env?: Record<string, string>; logger?: Logger } = {},
): Promise<SecurityApp> {
  const sandbox = createHubSpotSandbox({ oauth: { clientId: TEST_CLIENT_ID, clientSecret: TEST_SECRET } });
  const sandboxServer = await sandbox.listen(0);
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'cpq-security-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: dataDir,
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    HUBSPOT_CLIENT_ID: TEST_CLIENT_ID,
    HUBSPOT_CLIENT_SECRET: TEST_SECRET,
    HUBSPOT_API_BASE_URL: sandboxServer.url,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await startApp({
    config,
    logger: options.logger ?? createLogger({ level: 'silent' }),
    database,
    migrate: false,
    ...(options.modules ? { modules: options.modules } : {}),
  });
  const local = (url: string) => url.replace(TEST_PUBLIC_BASE_URL, app.url);

  return {
    app,
    config,
    database,
    sandbox,
    sandboxServer,
    async install(portalId, installOptions = {}) {
      if (installOptions.enterprise === false && !sandbox.state.findPortal(portalId))
        sandbox.state.createPortal(portalId, { enterprise: false });
      const start = await fetch(`${app.url}/oauth/install`, { redirect: 'manual' });
      // The browser goes to app.hubspot.com; the sandbox stands in for HubSpot's consent screen.
      const authorize = new URL(
        (start.headers.get('location') ?? '').replace('https://app.hubspot.com', sandboxServer.url),
      );
      authorize.searchParams.set('portalId', String(portalId));
      const consent = await fetch(authorize, { redirect: 'manual' });
      return fetch(local(consent.headers.get('location') ?? ''), { redirect: 'manual' });
    },
    signedFetch(method, pathAndQuery, fetchOptions = {}) {
      const body = fetchOptions.body ?? '';
      const timestamp = String(Date.now());
      const signature = signV3({
        clientSecret: fetchOptions.secret ?? TEST_SECRET,
        method,
        uri: `${TEST_PUBLIC_BASE_URL}${pathAndQuery}`,
        rawBody: body,
        timestamp,
      });
      return fetch(`${app.url}${pathAndQuery}`, {
        method,
        headers: {
          'content-type': fetchOptions.contentType ?? 'application/json',
          'x-hubspot-signature-v3': signature,
          'x-hubspot-request-timestamp': timestamp,
        },
        ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
      });
    },
    async close() {
      await app.stop();
      await sandboxServer.close();
      await sandbox.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
