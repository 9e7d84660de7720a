import { mkdir } from 'node:fs/promises';
import { restrictProcessUmask, tightenDataDir } from '../config/data-dir-permissions.ts';
import { PGlite } from '@electric-sql/pglite';
import { PostgresDialect, type Kysely, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { SqlExecutor } from './sql-executor.ts';
import { type DatabaseSchema, TENANT_TABLES } from './db-schema.ts';
import { INT8_OID, parseInt8 } from './int8-parser.ts';
import { createPglitePool } from './pglite-pool.ts';
import { TenantGuardPlugin } from './tenant-guard-plugin.ts';
import { TransactionMarkingKysely } from './transaction-context.ts';

export type DatabaseTarget =
  { kind: 'postgres'; url: string; schema?: string; maxConnections?: number } | { kind: 'pglite'; dataDir?: string };

export interface Database {
  kind: DatabaseTarget['kind'];
  db: Kysely<DatabaseSchema>;
  /** For pg-boss: runs SQL outside any transaction. */
  executor: SqlExecutor;
  /** The schema our tables live in (search_path). */
  schema: string;
  /** The schema pg-boss keeps its tables in. */
  jobSchema: string;
  close(): Promise<void>;
}

/**
 * Both targets speak PostgreSQL through Kysely's Postgres dialect, always behind the tenant guard,
 * with transactions marked so HubSpot clients refuse to run inside one (transaction-context.ts).
 */
function createKysely(pool: PostgresPool): Kysely<DatabaseSchema> {
  return new TransactionMarkingKysely<DatabaseSchema>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new TenantGuardPlugin(TENANT_TABLES)],
  });
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid schema name ${name}`);
  return `"${name}"`;
}

async function openPostgres(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
): Promise<Omit<Database, 'jobSchema' | 'schema'>> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format ?? 'text'),
  };
  const options = target.schema ? `-c search_path=${quoteIdent(target.schema)}` : undefined;
  if (target.schema) {
    const setup = new pg.Client({ connectionString: target.url });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists ${quoteIdent(target.schema)}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({ connectionString: target.url, max: target.maxConnections ?? 10, types, options });
  const db = createKysely(pool);
  return {
    kind: 'postgres',
    db,
    executor: { executeSql: async (text, values) => pool.query(text, values) },
    close: () => db.destroy(),
  };
}

async function openPglite(
  target: Extract<DatabaseTarget, { kind: 'pglite' }>,
): Promise<Omit<Database, 'jobSchema' | 'schema'>> {
  if (target.dataDir) {
    // PGlite writes its files with mode 0666 minus the umask: owner-only, whatever umask we started with.
    restrictProcessUmask();
    await mkdir(target.dataDir, { recursive: true, mode: 0o700 });
  }
  const pglite = await PGlite.create(target.dataDir, { parsers: { [INT8_OID]: parseInt8 } });
  if (target.dataDir) await tightenDataDir(target.dataDir);
  const pool = createPglitePool(pglite);
  const db = createKysely(pool);
  return {
    kind: 'pglite',
    db,
    executor: {
      async executeSql(text, values) {
        const result = await pool.executeSql(text, values);
        return Array.isArray(result) ? { rows: result.flatMap((r) => r.rows) } : result;
      },
    },
    close: () => db.destroy(),
  };
}

/** Opens PostgreSQL (`DATABASE_URL`) or embedded PGlite (`DATA_DIR`; in memory without a dir). */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const opened = target.kind === 'postgres' ? await openPostgres(target) : await openPglite(target);
  const schema = target.kind === 'postgres' && target.schema ? target.schema : 'public';
  const jobSchema = schema === 'public' ? 'pgboss' : `${schema}_jobs`;
  return { ...opened, schema, jobSchema };
}
