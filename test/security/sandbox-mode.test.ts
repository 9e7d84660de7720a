import { connect } from 'node:net';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/kernel/config/app-config.ts';
import { resolveSandboxSecret, SANDBOX_SECRET_FILE } from '../../src/kernel/config/sandbox-secret.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { signV3 } from '../../src/kernel/http/hubspot-signature.ts';
import { startApp, type RunningApp } from '../../src/main/app-runtime.ts';
import { settingsModule } from '../../src/modules/settings/settings-module.ts';

const PUBLIC = 'http://cpq.sandbox-mode.test';
let dataDir: string;
let app: RunningApp;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cpq-sandbox-mode-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    SANDBOX_PORT: '0',
    PUBLIC_BASE_URL: PUBLIC,
    LOG_LEVEL: 'silent',
  });
  app = await startApp({ config, logger: createLogger({ level: 'silent' }), modules: [settingsModule] });
});
afterAll(async () => {
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function signedGet(path: string, secret: string): Promise<Response> {
  const timestamp = String(Date.now());
  const signature = signV3({ clientSecret: secret, method: 'GET', uri: `${PUBLIC}${path}`, rawBody: '', timestamp });
  return fetch(`${app.url}${path}`, {
    headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
  });
}

describe('sandbox mode (no HubSpot credentials) is local development, not an open API', () => {
  test('the signing secret is random per DATA_DIR, kept in an owner-only file, and stable across starts', async () => {
    const secret = app.sandbox?.clientSecret ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(app.sandbox?.secretFile).toBe(join(dataDir, SANDBOX_SECRET_FILE));
    expect((await readFile(join(dataDir, SANDBOX_SECRET_FILE), 'utf8')).trim()).toBe(secret);
    expect((await stat(join(dataDir, SANDBOX_SECRET_FILE))).mode & 0o777).toBe(0o600);
    expect(await resolveSandboxSecret(dataDir)).toBe(secret);
    const other = await mkdtemp(join(tmpdir(), 'cpq-sandbox-other-'));
    try {
      expect(await resolveSandboxSecret(other)).not.toBe(secret);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  test('a request signed with the old public constant `sandbox-client-secret` is 401', async () => {
    const response = await signedGet(
      `/api/v1/settings?portalId=${app.sandbox?.portalId}&userId=1`,
      'sandbox-client-secret',
    );
    expect(response.status).toBe(401);
  });

  test("only the sandbox's own portals pass the install guard: portal 987654321 is 403 PORTAL_NOT_INSTALLED", async () => {
    const secret = app.sandbox?.clientSecret ?? '';
    const stranger = await signedGet('/api/v1/settings?portalId=987654321&userId=1', secret);
    expect(stranger.status).toBe(403);
    expect(((await stranger.json()) as { error: { code: string } }).error.code).toBe('PORTAL_NOT_INSTALLED');
    const own = await signedGet(`/api/v1/settings?portalId=${app.sandbox?.portalId}&userId=1`, secret);
    expect(own.status).toBe(200);
  });

  test('the server listens on loopback only', async () => {
    const port = Number(new URL(app.url).port);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    const reach = (host: string) =>
      new Promise<'connected' | 'refused'>((resolve) => {
        const socket = connect({ host, port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', () => resolve('refused'));
      });
    expect(await reach('127.0.0.1')).toBe('connected');
    if (external) expect(await reach(external)).toBe('refused');
  });
});
