import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadConfig,
  SANDBOX_APP_ID,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PORTAL_ID,
} from '../../src/kernel/config/app-config.ts';
import { resolveEncryptionKey } from '../../src/kernel/config/encryption-key.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';
import {
  SANDBOX_DEFAULT_APP_ID,
  SANDBOX_DEFAULT_CLIENT_ID,
  SANDBOX_DEFAULT_CLIENT_SECRET,
  SANDBOX_DEFAULT_PORTAL_ID,
} from '../../tools/hubspot-sandbox/hubspot-sandbox.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');

function configError(env: Record<string, string>): AppError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('configuration', () => {
  test('defaults: port 3000, PGlite under ./.data, sandbox mode, public base url on localhost', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '.data/pglite' });
    expect(config.hubspot.sandbox).toBe(true);
    expect(config.hubspot.clientSecret).toBe(SANDBOX_CLIENT_SECRET);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.hubspot.apiBaseUrl).toBe('https://api.hubapi.com');
  });

  test("the sandbox-mode placeholder is not the sandbox tool's public default secret (the runtime replaces it per DATA_DIR)", () => {
    expect(SANDBOX_CLIENT_SECRET).not.toBe(SANDBOX_DEFAULT_CLIENT_SECRET);
  });

  test('the sandbox constants production code uses (config) equal the sandbox tool constants', () => {
    expect(SANDBOX_APP_ID).toBe(SANDBOX_DEFAULT_APP_ID);
    expect(SANDBOX_CLIENT_ID).toBe(SANDBOX_DEFAULT_CLIENT_ID);
    expect(SANDBOX_PORTAL_ID).toBe(SANDBOX_DEFAULT_PORTAL_ID);
  });

  test('DATABASE_URL selects PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', ENCRYPTION_KEY: KEY }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
  });

  test('DATABASE_URL without ENCRYPTION_KEY is a configuration error: processes sharing a database must share the key', () => {
    const error = configError({ DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(error.issues).toEqual([
      {
        path: 'ENCRYPTION_KEY',
        message: 'is required when DATABASE_URL is set (every process must encrypt tokens with the same key)',
      },
    ]);
    expect(error.message).not.toContain('\n');
  });

  test('HUBSPOT_CLIENT_ID without HUBSPOT_CLIENT_SECRET is a configuration error, not sandbox mode', () => {
    expect(configError({ HUBSPOT_CLIENT_ID: 'id' }).issues.map((issue) => issue.path)).toEqual([
      'HUBSPOT_CLIENT_SECRET',
    ]);
  });

  test('a bad value fails with one line naming the variable', () => {
    const error = configError({ PORT: 'abc' });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^Invalid configuration: PORT: /);
    expect(error.message).not.toContain('\n');
  });

  test.each([
    ['DATABASE_URL', 'mysql://x'],
    ['PUBLIC_BASE_URL', 'https://cpq.example.com/path'],
    ['ENCRYPTION_KEY', 'too-short'],
    ['HUBSPOT_API_BASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
  ])('%s=%s is rejected, naming the variable', (name, value) => {
    expect(configError({ [name]: value }).issues.map((issue) => issue.path)).toEqual([name]);
  });

  test('production requires client id, client secret, encryption key and an https public base url', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'ENCRYPTION_KEY',
      'HUBSPOT_CLIENT_ID',
      'HUBSPOT_CLIENT_SECRET',
      'PUBLIC_BASE_URL',
    ]);
    const http = configError({
      NODE_ENV: 'production',
      HUBSPOT_CLIENT_ID: 'id',
      HUBSPOT_CLIENT_SECRET: 's',
      ENCRYPTION_KEY: KEY,
      PUBLIC_BASE_URL: 'http://cpq.example.com',
    });
    expect(http.issues).toEqual([{ path: 'PUBLIC_BASE_URL', message: 'must be https when NODE_ENV=production' }]);
  });

  test('a complete production configuration leaves sandbox mode', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HUBSPOT_CLIENT_ID: 'id',
      HUBSPOT_CLIENT_SECRET: 'secret',
      ENCRYPTION_KEY: KEY,
      PUBLIC_BASE_URL: 'https://cpq.example.com/',
    });
    expect(config.hubspot.sandbox).toBe(false);
    expect(config.publicBaseUrl).toBe('https://cpq.example.com');
  });

  test('local mode generates the encryption key once into DATA_DIR (mode 0600) and reuses it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cpq-key-'));
    const first = await resolveEncryptionKey({ configured: undefined, dataDir });
    const second = await resolveEncryptionKey({ configured: undefined, dataDir });
    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(true);
    expect((await readFile(join(dataDir, 'encryption.key'), 'utf8')).trim()).toBe(first.toString('base64'));
    expect((await stat(join(dataDir, 'encryption.key'))).mode & 0o777).toBe(0o600);
  });

  test('a configured ENCRYPTION_KEY wins over the file', async () => {
    const key = await resolveEncryptionKey({ configured: KEY, dataDir: '/nonexistent' });
    expect(key.toString('base64')).toBe(KEY);
  });
});
