import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { migrateDatabase } from '../src/kernel/db/migrate-database.ts';
import { openDatabase, type Database } from '../src/kernel/db/open-database.ts';
import { createHttpApp } from '../src/kernel/http/create-http-app.ts';
import { createJobQueue, type JobQueue } from '../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../src/kernel/logging/logger.ts';
import { WEBHOOK_PROCESS_QUEUE_DEFINITION } from '../src/integrations/hubspot/webhooks/webhook-intake.ts';
import { webhookIntakeRouter } from '../src/integrations/hubspot/webhooks/webhook-intake-route.ts';

export const BENCH_SECRET = 'bench-client-secret';
export const BENCH_PUBLIC_BASE_URL = 'https://cpq.bench.example';
export const BENCH_PORTAL = 5550001;

export interface BenchTarget {
  label: 'PGlite' | 'PostgreSQL';
  url: string;
  database: Database;
  jobs: JobQueue;
  databaseUrl: string | undefined;
  /** PostgreSQL schema of this run (a worker process opens the same one). */
  schema: string | undefined;
  close(): Promise<void>;
}

/** The real webhook intake (signature middleware + router) on a fresh database, on loopback. */
export async function startBenchTarget(kind: 'pglite' | 'postgres', postgresUrl: string): Promise<BenchTarget> {
  const schema = kind === 'postgres' ? `bench_wh_${randomBytes(4).toString('hex')}` : undefined;
  const database =
    kind === 'postgres'
      ? await openDatabase({ kind: 'postgres', url: postgresUrl, schema, maxConnections: 12 })
      : await openDatabase({ kind: 'pglite' });
  await migrateDatabase(database);
  const logger = createLogger({ level: 'silent' });
  const databaseUrl = kind === 'postgres' ? postgresUrl : undefined;
  const jobs = createJobQueue({ database, databaseUrl, logger });
  await jobs.start();
  await jobs.defineQueue(WEBHOOK_PROCESS_QUEUE_DEFINITION);
  await database.db
    .insertInto('portals')
    .values({ portal_id: BENCH_PORTAL, status: 'installed', scopes: '' })
    .execute();
  const app = createHttpApp({
    db: database.db,
    logger,
    signature: {
      clientSecret: BENCH_SECRET,
      publicBaseUrl: BENCH_PUBLIC_BASE_URL,
      bodyLimitBytes: 1_048_576,
      acceptLegacySignatures: false,
      now: () => Date.now(),
    },
    apiRouters: [],
    webhookRouters: [webhookIntakeRouter({ db: database.db, jobs, logger })],
  });
  const server = createServer({ keepAliveTimeout: 30_000 }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    label: kind === 'postgres' ? 'PostgreSQL' : 'PGlite',
    url: `http://127.0.0.1:${port}`,
    database,
    jobs,
    databaseUrl,
    schema,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.stop(2000);
      await database.close();
      if (schema) {
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.query(`drop schema if exists "${schema}_jobs" cascade`);
        await client.end();
      }
    },
  };
}
