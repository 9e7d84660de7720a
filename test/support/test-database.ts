import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, SCHEMA_CHANGE_LOCK_ID } from '../../src/kernel/db/migrate-database.ts';
import { databaseOverPglitePool, openDatabase, type Database } from '../../src/kernel/db/open-database.ts';
import { createPglitePool } from '../../src/kernel/db/pglite-pool.ts';
import { workerPglite, workerPgliteSession } from './worker-pglite-session.ts';

/**
 * A migrated database for one test file, in a fresh schema dropped again by `drop`: by default on the
 * in-memory PGlite this Jest worker shares between its test files (worker-pglite-environment.js;
 * starting a PGlite costs seconds, a schema and its migrations a fraction of one); with
 * TEST_DATABASE_URL on that PostgreSQL server, so parallel Jest workers never see each other's rows.
 */
export interface TestDatabase extends Database {
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * Kysely's migrator introspects tables across every schema; a schema another Jest worker drops at
 * that moment makes the catalog query fail ("schema ... does not exist"). Dropping takes the lock
 * migrations hold (SCHEMA_CHANGE_LOCK_ID).
 */
async function withSchemaLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SCHEMA_CHANGE_LOCK_ID]);
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [SCHEMA_CHANGE_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

function newSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  const database = url ? await openPostgresSchema(url) : await openWorkerPgliteSchema();
  if (options.migrate !== false) await migrateDatabase(database);
  return database;
}

async function openPostgresSchema(url: string): Promise<TestDatabase> {
  const schema = newSchemaName();
  const database = await openDatabase({ kind: 'postgres', url, schema, maxConnections: 4 });
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      await withSchemaLock(url, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`drop schema if exists "${schema}" cascade`);
          await client.query(`drop schema if exists "${schema}_jobs" cascade`);
        } finally {
          await client.end();
        }
      });
    },
  };
}

async function openWorkerPgliteSchema(): Promise<TestDatabase> {
  const worker = workerPglite();
  // Under another Jest environment (a file's own docblock) there is no shared PGlite: open one.
  if (!worker) return { ...(await openDatabase({ kind: 'pglite' })), url: undefined, drop: async () => {} };
  const pglite = await worker.pglite();
  const schema = newSchemaName();
  const session = workerPgliteSession(worker, pglite, schema);
  const pool = createPglitePool(session, worker.acquire);
  await pool.executeSql(`create schema "${schema}"`);
  const database = databaseOverPglitePool(pool, schema);
  return {
    ...database,
    url: undefined,
    async drop() {
      await database.close();
      // The session refuses work once closed: drop through a new one on the same lock.
      const cleanup = createPglitePool(workerPgliteSession(worker, pglite, 'public'), worker.acquire);
      await cleanup.executeSql(
        `drop schema if exists "${schema}" cascade; drop schema if exists "${schema}_jobs" cascade`,
      );
    },
  };
}

/** Which database this run uses, for test names. */
export const DATABASE_LABEL = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
