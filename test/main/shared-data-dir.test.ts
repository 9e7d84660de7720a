import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli-main.ts';
import { resolveSandboxSecret } from '../../src/kernel/config/sandbox-secret.ts';
import { signV3 } from '../../src/kernel/http/hubspot-signature.ts';
import { memoryIo } from '../support/memory-io.ts';

// The README's quick start with the embedded database: `npm start` and `npx cpq ...` side by side on
// one DATA_DIR, as real processes.
const SERVER = join(process.cwd(), 'src/main/server-main.ts');
const CLI = join(process.cwd(), 'bin/cpq.js');
const NODE_FLAGS = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
const PUBLIC = 'https://cpq.test.example';
const PORTAL = '12345678';

interface Child {
  exit: Promise<{ code: number | null; stderr: string }>;
  /** Resolves with the first match of `pattern` on the child's output. */
  waitFor(pattern: RegExp): Promise<string>;
  kill(signal: NodeJS.Signals): void;
}

function run(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [...NODE_FLAGS, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', PORT: '0', SANDBOX_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: (match: string) => void }> = [];
  const onData = (chunk: Buffer, isErr: boolean) => {
    output += chunk.toString();
    if (isErr) stderr += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(output);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match[1] ?? match[0]);
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => onData(chunk, false));
  child.stderr.on('data', (chunk: Buffer) => onData(chunk, true));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
  return {
    exit,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        exit.then(() => reject(new Error(`exited before ${String(pattern)}: ${output}`)), reject);
      }),
    kill: (signal) => child.kill(signal),
  };
}

async function startServer(dataDir: string): Promise<{ child: Child; url: string }> {
  const child = run([SERVER], { DATA_DIR: dataDir, PUBLIC_BASE_URL: PUBLIC });
  const url = await child.waitFor(/CPQ backend:\s+(http:\/\/\S+)/);
  return { child, url };
}

async function stop(child: Child): Promise<void> {
  child.kill('SIGTERM');
  expect((await child.exit).code).toBe(0);
}

/** The imported BULK-* skus the server's card API sees (the sandbox's own products, synced at install, aside). */
async function productSkus(url: string, dataDir: string): Promise<string[]> {
  const path = `/api/v1/catalog/products?portalId=${PORTAL}&userId=1&limit=50`;
  const timestamp = String(Date.now());
  const signature = signV3({
    clientSecret: await resolveSandboxSecret(dataDir),
    method: 'GET',
    uri: `${PUBLIC}${path}`,
    rawBody: '',
    timestamp,
  });
  const response = await fetch(`${url}${path}`, {
    headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: Array<{ sku: string }> };
  return body.items
    .map((item) => item.sku)
    .filter((sku) => sku.startsWith('BULK-'))
    .sort();
}

async function cli(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out } = memoryIo({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
  const code = await runCli(args, io);
  return { code, ...out };
}

async function exportedCount(dataDir: string): Promise<number> {
  const exported = await cli(dataDir, ['catalog', 'export', '--portal', PORTAL]);
  expect(exported.code).toBe(0);
  // Only the imported BULK-* products count (the sandbox's own products are synced at install).
  return (JSON.parse(exported.stdout) as { products: Array<{ sku: string }> }).products.filter((product) =>
    product.sku.startsWith('BULK-'),
  ).length;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpq-shared-'));
  const products = Array.from({ length: 20_000 }, (_, i) => ({
    sku: `BULK-${i}`,
    name: `Bulk product ${i}`,
    prices: { USD: `${i}.50` },
  }));
  await writeFile(join(dir, 'small.json'), JSON.stringify(products.slice(0, 3)));
  await writeFile(join(dir, 'big.json'), JSON.stringify(products));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('CLI and server on one embedded DATA_DIR', () => {
  test('an import while the server runs is seen by its API at once and survives a restart; a second server refuses to start', async () => {
    const dataDir = join(dir, 'side-by-side');
    const first = await startServer(dataDir);
    const imported = await cli(dataDir, ['catalog', 'import', join(dir, 'small.json'), '--portal', PORTAL]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: { products: 3 } });
    expect(await productSkus(first.url, dataDir)).toEqual(['BULK-0', 'BULK-1', 'BULK-2']);

    const second = run([SERVER], { DATA_DIR: dataDir, PUBLIC_BASE_URL: PUBLIC });
    const refused = await second.exit;
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^cpq failed to start: DATA_DIR_IN_USE: DATA_DIR .* is in use by a cpq server \(pid \d+\)/),
    ]);
    // The refused start left the running server's lock and socket alone.
    expect(await productSkus(first.url, dataDir)).toEqual(['BULK-0', 'BULK-1', 'BULK-2']);

    await stop(first.child);
    const restarted = await startServer(dataDir);
    expect(await productSkus(restarted.url, dataDir)).toEqual(['BULK-0', 'BULK-1', 'BULK-2']);
    await stop(restarted.child);
  }, 240_000);

  test('a CLI import killed mid-way leaves nothing written, through the server and on its own', async () => {
    const dataDir = join(dir, 'killed');
    const server = await startServer(dataDir);
    const throughServer = run([CLI, 'catalog', 'import', join(dir, 'big.json'), '--portal', PORTAL], {
      DATA_DIR: dataDir,
    });
    await throughServer.waitFor(/importing \[#*\.+\] \d+\/20000/);
    throughServer.kill('SIGKILL');
    await throughServer.exit;
    expect(await productSkus(server.url, dataDir)).toEqual([]);
    await stop(server.child);

    const alone = run([CLI, 'catalog', 'import', join(dir, 'big.json'), '--portal', PORTAL], { DATA_DIR: dataDir });
    await alone.waitFor(/importing \[#*\.+\] \d+\/20000/);
    alone.kill('SIGKILL');
    await alone.exit;
    // The killed command's lock is stale (its pid is gone): the next command takes the directory over.
    expect(await exportedCount(dataDir)).toBe(0);
  }, 240_000);
});
