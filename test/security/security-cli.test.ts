import { memoryIo } from '../support/memory-io.ts';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../../src/cli/cli-main.ts';
import { loadConfig } from '../../src/kernel/config/app-config.ts';
import { resolveSandboxSecret } from '../../src/kernel/config/sandbox-secret.ts';
import { openDatabase } from '../../src/kernel/db/open-database.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { createInstallRuntime, installSandboxPortal } from '../../src/modules/tenancy/install-runtime.ts';
import { readTokens } from '../../src/modules/tenancy/install-repository.ts';
import { createJobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import {
  createHubSpotSandbox,
  type HubSpotSandbox,
  type SandboxServer,
} from '../../tools/hubspot-sandbox/hubspot-sandbox.ts';
import { loadTokenCipher } from '../../src/modules/tenancy/token-keyring.ts';
import { PROVISION_QUEUE } from '../../src/integrations/hubspot/sync/enqueue-provisioning.ts';

/**
 * The security commands end to end, in sandbox mode on an embedded PGlite data directory (the CLI
 * opens its own database, so this suite always uses PGlite files): the demo portal is installed
 * through OAuth, then `cpq audit`, `cpq keys rotate`, `cpq portal uninstall/show` run against it.
 */
const PORTAL = 12345678;
let dataDir: string;
let sandbox: HubSpotSandbox;
let server: SandboxServer;
let env: Record<string, string>;
/** Sandbox mode's per-DATA_DIR secret: the CLI reads it from DATA_DIR, the sandbox is given it. */
let secret: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out } = memoryIo({ env, cwd: dataDir });
  const code = await runCli(args, io);
  return { code, ...out };
}

function configFor() {
  const config = loadConfig(env);
  return { ...config, hubspot: { ...config.hubspot, apiBaseUrl: server.url, clientSecret: secret } };
}

async function withDatabase<T>(run: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase(configFor().database);
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cpq-security-cli-'));
  secret = await resolveSandboxSecret(dataDir);
  sandbox = createHubSpotSandbox({ oauth: { clientSecret: secret } });
  server = await sandbox.listen(0);
  env = {
    DATA_DIR: dataDir,
    SANDBOX_PORT: String(new URL(server.url).port),
    LOG_LEVEL: 'silent',
  };
  expect((await cli(['migrate'])).code).toBe(0);
  await withDatabase(async (database) => {
    const jobs = createJobQueue({
      database,
      logger: createLogger({ level: 'silent' }),
    });
    await jobs.start();
    await jobs.defineQueue({ name: PROVISION_QUEUE });
    const runtime = await createInstallRuntime({
      config: configFor(),
      database,
      jobs,
      now: () => Date.now(),
    });
    expect(await installSandboxPortal(runtime, configFor(), PORTAL)).toMatchObject({
      portalId: PORTAL,
      reinstall: false,
    });
    await jobs.stop(1000);
  });
});

afterAll(async () => {
  await server.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('cpq audit / keys rotate / portal', () => {
  test('cpq audit <portalId> prints the portal audit log as JSON, newest first', async () => {
    const result = await cli(['audit', String(PORTAL)]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      portalId: number;
      entries: Array<{ action: string; actorKind: string }>;
    };
    expect(output.portalId).toBe(PORTAL);
    expect(output.entries.map((entry) => [entry.action, entry.actorKind])).toEqual([['portal.installed', 'user']]);
  });

  test('cpq keys rotate (local mode) generates a new key, keeps the old one for decryption, re-encrypts every token, and the old key is no longer needed', async () => {
    const keyBefore = await readFile(join(dataDir, 'encryption.key'), 'utf8');
    const tokensBefore = await withDatabase(async (database) =>
      readTokens(database.db, await loadTokenCipher(configFor()), toPortalId(PORTAL)),
    );
    const result = await cli(['keys', 'rotate']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      keyId: string;
      reencrypted: number;
      alreadyCurrent: number;
      generatedNewKey: boolean;
    };
    expect(report).toMatchObject({
      reencrypted: 1,
      alreadyCurrent: 0,
      generatedNewKey: true,
    });
    expect(result.stdout).not.toContain(keyBefore.trim());
    expect(await readFile(join(dataDir, 'encryption.key'), 'utf8')).not.toBe(keyBefore);
    expect((await readFile(join(dataDir, 'encryption.key.previous'), 'utf8')).trim()).toBe(keyBefore.trim());
    expect((await stat(join(dataDir, 'encryption.key.previous'))).mode & 0o777).toBe(0o600);
    await withDatabase(async (database) => {
      const row = await database.db
        .selectFrom('portal_tokens')
        .select('key_id')
        .where('portal_id', '=', PORTAL)
        .executeTakeFirstOrThrow();
      expect(row.key_id).toBe(report.keyId);
      // Only the new key is needed now: decrypt without the previous-keys file.
      await rm(join(dataDir, 'encryption.key.previous'));
      expect(await readTokens(database.db, await loadTokenCipher(configFor()), toPortalId(PORTAL))).toEqual(
        tokensBefore,
      );
    });
  });

  test('cpq portal uninstall calls HubSpot, destroys the tokens, keeps the data for the retention period; show reports it; a repeat is 409-like exit 5', async () => {
    const result = await cli(['portal', 'uninstall', String(PORTAL)]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      portalId: PORTAL,
      status: 'uninstalled',
      hubspotCalled: true,
      tokensDeleted: 1,
      changed: true,
    });
    expect(Object.values(sandbox.state.data.oauth.refreshTokens).filter((record) => record.hubId === PORTAL)).toEqual(
      [],
    );
    await withDatabase(async (database) => {
      expect(
        await database.db.selectFrom('portal_tokens').select('portal_id').where('portal_id', '=', PORTAL).execute(),
      ).toEqual([]);
      expect(
        await database.db.selectFrom('portal_user_roles').select('user_id').where('portal_id', '=', PORTAL).execute(),
      ).toHaveLength(1);
    });
    const shown = JSON.parse((await cli(['portal', 'show', String(PORTAL)])).stdout) as {
      status: string;
      uninstallReason: string;
    };
    expect(shown).toMatchObject({
      status: 'uninstalled',
      uninstallReason: 'app',
    });
    expect((await cli(['portal', 'uninstall', String(PORTAL)])).code).toBe(5);
    const audit = JSON.parse((await cli(['audit', String(PORTAL), '--limit', '1'])).stdout) as {
      entries: Array<{ action: string }>;
    };
    expect(audit.entries.map((entry) => entry.action)).toEqual(['portal.uninstalled']);
  });

  test('invalid arguments exit 2 with the error JSON on stderr and nothing on stdout', async () => {
    for (const args of [
      ['portal', 'uninstall', 'abc'],
      ['portal'],
      ['keys'],
      ['keys', 'rotate', 'now'],
      ['audit'],
      ['audit', '1', '--limit', '0'],
      ['audit', '1', '--since', '2'],
    ]) {
      const result = await cli(args);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({
        args,
        code: 2,
        stdout: '',
      });
      expect(JSON.parse(result.stderr)).toHaveProperty('error.code');
    }
    expect((await cli(['portal', 'show', '424242'])).code).toBe(4);
  });

  test('fuzzed arguments never crash the CLI: exit 0/2/4/5 only, error JSON on stderr otherwise', async () => {
    const token = fc.oneof(
      fc.constantFrom(
        'portal',
        'audit',
        'uninstall',
        'show',
        'purge-expired',
        '--limit',
        '--before',
        '__proto__',
        'constructor',
        '1e309',
        '-1',
        '0',
        '99999999999999999999',
        String(PORTAL),
      ),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    );
    const codes: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .tuple(fc.constantFrom('portal', 'audit', 'keys'), fc.array(token, { maxLength: 4 }))
            .map(([command, args]) => [command, ...args]),
          fc
            .tuple(
              fc.constantFrom('uninstall', 'show'),
              fc.oneof(fc.integer({ min: 1, max: 2_000_000_000 }).map(String), token),
            )
            .map((args) => ['portal', ...args]),
          fc
            .tuple(
              fc.oneof(fc.integer({ min: 1, max: 2_000_000_000 }).map(String), token),
              fc.constantFrom('--limit', '--before'),
              fc.oneof(fc.integer().map(String), token),
            )
            .map((args) => ['audit', ...args]),
        ),
        async ([command = '', ...args]) => {
          if (command === 'keys' && args[0] === 'rotate' && args.length === 1) return;
          const result = await cli([command, ...args]);
          codes[result.code] = (codes[result.code] ?? 0) + 1;
          expect([0, 2, 4, 5]).toContain(result.code);
          if (result.code !== 0) {
            expect(result.stdout).toBe('');
            expect(JSON.parse(result.stderr)).toHaveProperty('error.code');
          }
        },
      ),
      // Sized to the work, not to a timeout: every run whose arguments pass the checks opens the PGlite
      // data directory (seconds each on a busy machine); 25 runs still reach every command and both
      // kinds of refusal.
      { numRuns: 25, seed: 6 },
    );
    console.log(`cli fuzz exit codes: ${JSON.stringify(codes)}`);
  });
});
