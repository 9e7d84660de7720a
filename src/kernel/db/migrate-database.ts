import { sql, type Kysely } from 'kysely';
import { Migrator, type MigrationResult } from 'kysely/migration';
import { AppError } from '../errors/app-error.ts';
import { MIGRATIONS } from './migrations/migration-list.ts';

export interface MigrationReport {
  applied: string[];
}

/**
 * Advisory lock id held while the schema changes (migrations here; test schemas dropped by the test
 * harness). Kysely's migrator introspects tables across every schema of the server, so a schema
 * created or dropped by another process mid-migration makes its catalog query fail.
 */
export const SCHEMA_CHANGE_LOCK_ID = 727274;

/** Applies every pending migration; idempotent. Throws `DB_MIGRATION_FAILED` naming the migration. */
export async function migrateDatabase<DB>(database: { db: Kysely<DB>; schema: string }): Promise<MigrationReport> {
  // One connection for lock, migrations and unlock (a session lock belongs to its connection).
  return database.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${SCHEMA_CHANGE_LOCK_ID})`.execute(connection);
    try {
      return await runMigrations(connection, database.schema);
    } finally {
      await sql`select pg_advisory_unlock(${SCHEMA_CHANGE_LOCK_ID})`.execute(connection);
    }
  });
}

async function runMigrations<DB>(db: Kysely<DB>, schema: string): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    // Kysely looks for its bookkeeping tables across all schemas unless told which one: with
    // several schemas on one server (tests, tenants of a shared cluster) it must be explicit.
    migrationTableSchema: schema,
    // Modules are developed in parallel and get numbered migrations; a dev database that already
    // ran a later number must still accept an earlier one that lands afterwards.
    allowUnorderedMigrations: true,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r: MigrationResult) => r.status === 'Error');
    throw new AppError('internal', 'DB_MIGRATION_FAILED', `Migration ${failed?.migrationName ?? '?'} failed`, {
      cause: error,
    });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
