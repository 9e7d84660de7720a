import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, SCHEMA_CHANGE_LOCK_ID } from '../../src/kernel/db/migrate-database.ts';
import { openDatabase, type Database } from '../../src/kernel/db/open-database.ts';

/**
 * A migrated database for one test file: in-memory PGlite by default; with TEST_DATABASE_URL a
 * fresh schema on that PostgreSQL server (dropped again by `close`), so parallel Jest workers
 * never see each other's rows.
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

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const database = url
    ? await openDatabase({ kind: 'postgres', url, schema, maxConnections: 4 })
    : await openDatabase({ kind: 'pglite' });
  if (options.migrate !== false) await migrateDatabase(database);
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      if (!url || !schema) return;
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

/** Which database this run uses, for test names. */
export const DATABASE_LABEL = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
