import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config.ts';
import { AppError } from '../errors/app-error.ts';
import { readLiveLock, tryAcquireLock, type HeldLock, type LockInfo } from './data-dir-lock.ts';
import { openDatabase, type Database } from './open-database.ts';
import { SOCKET_PORT, socketFile } from './pglite-socket-server.ts';

export type DatabaseRole = 'server' | 'cli';

export interface OpenAppDatabaseOptions {
  /** How long to wait for another owner (a CLI command, a server still starting) before giving up. */
  waitMs?: number;
  /** Told once when the call has to wait, e.g. to print "waiting for ..." on stderr. */
  onWait?: (holder: LockInfo) => void;
}

const POLL_MS = 100;
/** Unix socket paths are limited to ~107 bytes (sun_path); longer data dirs get one under tmpdir. */
const MAX_SOCKET_PATH = 100;

const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

function socketDirFor(dataDir: string): string {
  const absolute = resolve(dataDir);
  if (socketFile(absolute).length <= MAX_SOCKET_PATH) return absolute;
  const digest = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  return join(tmpdir(), `cpq-${digest}`);
}

function describe(holder: LockInfo): string {
  return holder.role === 'server' ? `a cpq server (pid ${holder.pid})` : `a cpq command (pid ${holder.pid})`;
}

function inUse(dataDir: string, holder: LockInfo): AppError {
  const hint =
    holder.role === 'server'
      ? 'stop it first, or give this server its own DATA_DIR'
      : 'wait for it to finish, or stop it';
  return new AppError('conflict', 'DATA_DIR_IN_USE', `DATA_DIR ${dataDir} is in use by ${describe(holder)}: ${hint}`);
}

/** Closing also gives the directory back. */
function withLock(database: Database, lock: HeldLock): Database {
  return {
    ...database,
    async close() {
      try {
        await database.close();
      } finally {
        await lock.release();
      }
    },
  };
}

/**
 * The server's database. PostgreSQL: a pool on DATABASE_URL. PGlite: the server takes DATA_DIR's
 * lock (refusing to start next to another server), opens the directory and serves it on a unix
 * socket so the CLI can share it without opening the files a second time.
 */
async function openForServer(config: AppConfig, options: OpenAppDatabaseOptions): Promise<Database> {
  if (config.database.kind === 'postgres') return openDatabase(config.database);
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let told = false;
  for (;;) {
    const attempt = await tryAcquireLock(config.dataDir, 'server');
    if ('acquired' in attempt) {
      const lock = attempt.acquired;
      try {
        const socketDir = socketDirFor(config.dataDir);
        const database = await openDatabase({ ...config.database, socketDir });
        await lock.publish(socketDir);
        return withLock(database, lock);
      } catch (error) {
        await lock.release();
        throw error;
      }
    }
    // A second server never waits: two servers on one directory is a configuration mistake.
    if (attempt.heldBy.role === 'server' || Date.now() > deadline) throw inUse(config.dataDir, attempt.heldBy);
    if (!told) options.onWait?.(attempt.heldBy);
    told = true;
    await sleep(POLL_MS);
  }
}

async function connectThroughSocket(socketDir: string): Promise<Database | undefined> {
  const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;
  // One connection: the server serves one unit of work at a time anyway.
  const database = await openDatabase({ kind: 'postgres', url, maxConnections: 1 });
  try {
    await database.executor.executeSql('select 1');
    return database;
  } catch {
    // The server is stopping (or was killed): close and look at the lock again.
    await database.close().catch(() => undefined);
    return undefined;
  }
}

/**
 * The CLI's database. With a server running on DATA_DIR the CLI talks to it over its unix socket
 * (PostgreSQL wire protocol, the same `pg` code path as DATABASE_URL), so the server sees every
 * write at once; otherwise it takes the directory's lock itself for the length of the command.
 */
async function openForCli(config: AppConfig, options: OpenAppDatabaseOptions): Promise<Database> {
  if (config.database.kind === 'postgres') return openDatabase(config.database);
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let told = false;
  for (;;) {
    const holder = await readLiveLock(config.dataDir);
    if (holder?.role === 'server' && holder.socketDir) {
      const database = await connectThroughSocket(holder.socketDir);
      if (database) return database;
    } else if (!holder) {
      const attempt = await tryAcquireLock(config.dataDir, 'cli');
      if ('acquired' in attempt) {
        const lock = attempt.acquired;
        try {
          return withLock(await openDatabase(config.database), lock);
        } catch (error) {
          await lock.release();
          throw error;
        }
      }
    }
    const current = holder ?? (await readLiveLock(config.dataDir));
    if (current) {
      if (Date.now() > deadline) throw inUse(config.dataDir, current);
      if (!told) options.onWait?.(current);
      told = true;
    }
    await sleep(POLL_MS);
  }
}

/** Opens the configured database for the server or for a CLI command (see the two cases above). */
export function openAppDatabase(
  config: AppConfig,
  role: DatabaseRole,
  options: OpenAppDatabaseOptions = {},
): Promise<Database> {
  return role === 'server' ? openForServer(config, options) : openForCli(config, options);
}
