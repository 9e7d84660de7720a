import { readFileSync } from 'node:fs';
import { createDomainEvents } from '../src/kernel/jobs/domain-events.ts';
import { loadConfig } from '../src/kernel/config/app-config.ts';
import { openDatabase, type Database } from '../src/kernel/db/open-database.ts';
import { createHubSpotClients } from '../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../src/integrations/hubspot/static-token-provider.ts';
import { createJobQueue, type JobQueue } from '../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../src/kernel/logging/logger.ts';
import type { AppDeps } from '../src/kernel/app-module.ts';
import { hubspotSyncModule } from '../src/integrations/hubspot/sync/hubspot-sync-module.ts';
import { benchSource, type SyncBenchFixture } from './sync-bench-fixture.ts';

/**
 * A sync worker for `npm run bench:sync`: the module's real workers (pg-boss, per-portal client,
 * sync engine) in their own process so the benchmark can SIGKILL it mid-run. Also used in-process.
 */
export async function startBenchWorker(
  fixture: SyncBenchFixture,
  database: Database,
  jobs: JobQueue,
): Promise<AppDeps> {
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
  const tokens = createStaticTokenProvider(new Map([[fixture.portalId, fixture.accessToken]]));
  const hubspot = createHubSpotClients({
    basePath: fixture.sandboxUrl,
    tokens,
    logger,
    rateLimitPerWindow: fixture.rateLimit,
    windowMs: fixture.windowMs,
    timeoutMs: fixture.timeoutMs,
  });
  const deps: AppDeps = {
    config: loadConfig({}),
    database,
    jobs,
    events: createDomainEvents(jobs),
    logger,
    now: () => Date.now(),
    tokens,
    hubspot,
    quoteSyncSource: benchSource(fixture),
  };
  await hubspotSyncModule.startWorkers?.(deps);
  return deps;
}

async function main(): Promise<void> {
  const fixture = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as SyncBenchFixture;
  if (!fixture.database) throw new Error('the worker process needs a PostgreSQL database');
  const database = await openDatabase({
    kind: 'postgres',
    url: fixture.database.url,
    schema: fixture.database.schema,
    maxConnections: 6,
  });
  const jobs = createJobQueue({
    database,
    databaseUrl: fixture.database.url,
    logger: createLogger({ level: 'silent' }),
  });
  await jobs.start();
  const deps = await startBenchWorker(fixture, database, jobs);
  process.send?.({ ready: true });
  process.on('SIGTERM', () => {
    void (async () => {
      await jobs.stop(5_000);
      await database.close();
      process.send?.({ stats: deps.hubspot.callLog.stats() });
      process.exit(0);
    })();
  });
}

if (process.argv[1]?.endsWith('sync-bench-worker.ts')) await main();
