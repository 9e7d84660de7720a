import type { Migration } from 'kysely/migration';
import * as foundation from './0001-foundation.ts';

/**
 * All migrations, in order. A static list (not a folder scan) so the same code runs from .ts
 * sources under Node's type stripping, under Jest, and on both PGlite and PostgreSQL.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-foundation': foundation,
};
