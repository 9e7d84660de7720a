import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENTRY = join(process.cwd(), 'src/main/server-main.ts');

interface Started {
  exit: Promise<{ code: number | null; ms: number; stderr: string }>;
  url: Promise<string>;
  kill(signal: NodeJS.Signals): number;
}

function startServer(env: Record<string, string>): Started {
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', ENTRY],
    {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', PORT: '0', SANDBOX_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let killedAt = 0;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /CPQ backend:\s+(http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`server exited before listening: ${stderr}`)));
  });
  // A test about start-up failure never awaits the URL; keep its rejection from going unhandled.
  url.catch(() => undefined);
  const exit = new Promise<{ code: number | null; ms: number; stderr: string }>((resolve) => {
    child.once('exit', (code) => resolve({ code, ms: Date.now() - killedAt, stderr }));
  });
  return {
    exit,
    url,
    kill(signal) {
      killedAt = Date.now();
      child.kill(signal);
      return killedAt;
    },
  };
}

const DB_ENV: Record<string, string> = process.env.TEST_DATABASE_URL
  ? { DATABASE_URL: process.env.TEST_DATABASE_URL, ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') }
  : {};

describe('the server process', () => {
  test('serves /healthz, reuses its data directory on a second start, and exits 0 within 5 s of SIGINT/SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cpq-start-'));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const server = startServer({ DATA_DIR: dataDir, ...DB_ENV });
      const url = await server.url;
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      server.kill(signal);
      const { code, ms } = await server.exit;
      expect(code).toBe(0);
      expect(ms).toBeLessThan(5000);
    }
  }, 150_000);

  test('a bad configuration value stops the process with exit 1 and one line naming the variable', async () => {
    const server = startServer({ PORT: 'abc' });
    const { code, stderr } = await server.exit;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: PORT: /)]);
  });
});
