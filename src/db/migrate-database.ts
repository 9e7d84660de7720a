import type { Kysely } from 'kysely';
import { Migrator, type MigrationResult } from 'kysely/migration';
import { AppError } from '../errors/app-error.ts';
import { MIGRATIONS } from './migrations/migration-list.ts';

export interface MigrationReport {
  applied: string[];
}

/** Applies every pending migration; idempotent. Throws `DB_MIGRATION_FAILED` naming the migration. */
export async function migrateDatabase<DB>(database: { db: Kysely<DB>; schema: string }): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    // Kysely looks for its bookkeeping tables across all schemas unless told which one: with
    // several schemas on one server (tests, tenants of a shared cluster) it must be explicit.
    migrationTableSchema: database.schema,
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
