import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * One process owns an embedded PGlite directory: PGlite is a single PostgreSQL backend and two
 * processes opening the same files overwrite each other's pages ("PGlite ... is single user, single
 * connection", PGlite docs, "Multi-tab worker"). The owner writes `cpq.lock` with O_EXCL; a lock
 * whose pid is gone is stale and is taken over. A server owner also records the unix socket it
 * serves the database on, so the CLI can connect through it instead of opening the files.
 */
export const LOCK_FILE = 'cpq.lock';

const LockSchema = z.object({
  pid: z.number().int().positive(),
  role: z.enum(['server', 'cli']),
  /** Directory holding `.s.PGSQL.5432` (libpq's socket naming) once the server listens on it. */
  socketDir: z.string().min(1).optional(),
  startedAt: z.string(),
});
export type LockInfo = z.output<typeof LockSchema>;

export interface HeldLock {
  info: LockInfo;
  /** Records the socket directory once it accepts connections. */
  publish(socketDir: string): Promise<void>;
  release(): Promise<void>;
}

export type LockAttempt = { acquired: HeldLock } | { heldBy: LockInfo };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to another user; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The current holder, or undefined when there is none or it is stale (its process is gone). */
export async function readLiveLock(dataDir: string): Promise<LockInfo | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, LOCK_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A writer killed between create and write leaves an empty file: treat it as stale.
    return undefined;
  }
  const parsed = LockSchema.safeParse(json);
  if (!parsed.success || !isAlive(parsed.data.pid)) return undefined;
  return parsed.data;
}

/** Tries once to take the lock; removes a stale one first. */
export async function tryAcquireLock(dataDir: string, role: LockInfo['role']): Promise<LockAttempt> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const info: LockInfo = { pid: process.pid, role, startedAt: new Date().toISOString() };
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(JSON.stringify(info));
      } finally {
        await handle.close();
      }
      return { acquired: heldLock(path, info) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLiveLock(dataDir);
    if (holder) return { heldBy: holder };
    await rm(path, { force: true });
  }
  const holder = await readLiveLock(dataDir);
  if (holder) return { heldBy: holder };
  throw new Error(`Could not take ${path}`);
}

function heldLock(path: string, info: LockInfo): HeldLock {
  let released = false;
  return {
    info,
    async publish(socketDir) {
      info.socketDir = socketDir;
      // Replaced by rename so a reader never sees a half-written (and so "stale") lock.
      const next = `${path}.${process.pid}.tmp`;
      await writeFile(next, JSON.stringify(info));
      await rename(next, path);
    },
    async release() {
      if (released) return;
      released = true;
      await rm(path, { force: true });
    },
  };
}
