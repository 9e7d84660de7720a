import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, readLiveLock, tryAcquireLock } from '../../src/kernel/db/data-dir-lock.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpq-lock-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A pid no process has: above Linux's pid_max ceiling. */
const DEAD_PID = 4_194_305;

describe('the DATA_DIR lock', () => {
  test('the first taker holds it; a second is told who holds it; release frees it', async () => {
    const first = await tryAcquireLock(dir, 'server');
    if (!('acquired' in first)) throw new Error('expected the lock');
    const second = await tryAcquireLock(dir, 'cli');
    expect(second).toEqual({ heldBy: expect.objectContaining({ pid: process.pid, role: 'server' }) });
    await first.acquired.publish(dir);
    expect(await readLiveLock(dir)).toMatchObject({ role: 'server', socketDir: dir });
    await first.acquired.release();
    expect(await readLiveLock(dir)).toBeUndefined();
  });

  test('a lock left by a process that is gone is stale and taken over', async () => {
    const stale = { pid: DEAD_PID, role: 'server', socketDir: dir, startedAt: '2026-01-01T00:00:00.000Z' };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(stale));
    expect(await readLiveLock(dir)).toBeUndefined();
    const attempt = await tryAcquireLock(dir, 'cli');
    expect('acquired' in attempt).toBe(true);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, role: 'cli' });
  });

  test('an empty lock file (its writer killed before writing) is stale too', async () => {
    await writeFile(join(dir, LOCK_FILE), '');
    expect('acquired' in (await tryAcquireLock(dir, 'server'))).toBe(true);
  });
});
