import { mkdir } from 'node:fs/promises';
import { restrictProcessUmask, tightenDataDir } from '../config/data-dir-permissions.ts';
import { PGlite } from '@electric-sql/pglite';
import { PostgresDialect, type Kysely, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { SqlExecutor } from './sql-executor.ts';
import { type DatabaseSchema, TENANT_TABLES } from './db-schema.ts';
import { INT8_OID, parseInt8 } from './int8-parser.ts';
import { createPglitePool, type PglitePool } from './pglite-pool.ts';
import { serveOverSocket } from './pglite-socket-server.ts';
import { TenantGuardPlugin } from './tenant-guard-plugin.ts';
import { TransactionMarkingKysely } from './transaction-context.ts';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; schema?: string; maxConnections?: number }
  | {
      kind: 'pglite';
      dataDir?: string;
      /** Also serve the database over the PostgreSQL wire protocol on `<socketDir>/.s.PGSQL.5432`. */
      socketDir?: string;
    };

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

async function openPglite(target: Extract<DatabaseTarget, { kind: 'pglite' }>): Promise<Database> {
  if (target.dataDir) {
    // PGlite writes its files with mode 0666 minus the umask: owner-only, whatever umask we started with.
    restrictProcessUmask();
    await mkdir(target.dataDir, { recursive: true, mode: 0o700 });
  }
  const pglite = await PGlite.create(target.dataDir, { parsers: { [INT8_OID]: parseInt8 } });
  if (target.dataDir) await tightenDataDir(target.dataDir);
  const pool = createPglitePool(pglite);
  const database = databaseOverPglitePool(pool, 'public');
  // The server shares its PGlite with the CLI over a local socket (docs/embedded-database.md).
  const socket = target.socketDir ? await serveOverSocket(pglite, pool, target.socketDir) : undefined;
  if (!socket) return database;
  return {
    ...database,
    async close() {
      await socket.stop();
      await database.close();
    },
  };
}

/**
 * A Database over a PGlite pool whose session uses `schema` (the test harness gives each test file
 * its own schema on one PGlite per Jest worker; the app itself always uses `public`).
 */
export function databaseOverPglitePool(pool: PglitePool, schema: string): Database {
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
    schema,
    jobSchema: jobSchemaFor(schema),
    close: () => db.destroy(),
  };
}

function jobSchemaFor(schema: string): string {
  return schema === 'public' ? 'pgboss' : `${schema}_jobs`;
}

/** Opens PostgreSQL (`DATABASE_URL`) or embedded PGlite (`DATA_DIR`; in memory without a dir). */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pglite') return openPglite(target);
  const schema = target.schema ?? 'public';
  return { ...(await openPostgres(target)), schema, jobSchema: jobSchemaFor(schema) };
}
