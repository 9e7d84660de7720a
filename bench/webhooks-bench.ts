// Webhook intake benchmark (docs/webhooks.md): `npm run bench:webhooks [-- --seconds 30 --db both|pglite|postgres --no-reliability]`.
// A load generator (worker thread) sends signed 100-event batches, 10 in flight, to the real
// intake on loopback; prints accepted events/s, p50/p99 response time, and verifies afterwards
// that every accepted event is in the inbox exactly once. Then the reliability run
// (bench/webhooks-reliability.ts). PostgreSQL: BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { PortalId } from '../src/kernel/db/portal-id.ts';
import { WEBHOOK_PROCESS_QUEUE } from '../src/integrations/hubspot/webhooks/webhook-intake.ts';
import {
  BENCH_PORTAL,
  BENCH_PUBLIC_BASE_URL,
  BENCH_SECRET,
  startBenchTarget,
  type BenchTarget,
} from './webhooks-bench-target.ts';
import type { LoadOptions, LoadResult } from './webhooks-load-generator.ts';
import { runReliability } from './webhooks-reliability.ts';

function arg(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const seconds = Number(arg('seconds', '30'));
const which = arg('db', 'both');
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reliability = !process.argv.includes('--no-reliability');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function generate(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./webhooks-load-generator.ts', import.meta.url), { workerData: options });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function throughput(target: BenchTarget) {
  // Warm-up: connections, prepared paths, JIT.
  await generate({
    url: target.url,
    secret: BENCH_SECRET,
    publicBaseUrl: BENCH_PUBLIC_BASE_URL,
    portalId: BENCH_PORTAL,
    seconds: 2,
    concurrency: 10,
    batchSize: 100,
    firstEventId: 1_000_000_000,
  });
  const load = await generate({
    url: target.url,
    secret: BENCH_SECRET,
    publicBaseUrl: BENCH_PUBLIC_BASE_URL,
    portalId: BENCH_PORTAL,
    seconds,
    concurrency: 10,
    batchSize: 100,
    firstEventId: 1,
  });
  const portalId = BENCH_PORTAL as PortalId;
  const inbox = await target.database.db
    .selectFrom('webhook_inbox')
    .select([
      sql<number>`count(*)::int`.as('rows'),
      sql<number>`count(distinct event_id)::int`.as('distinctEvents'),
      sql<number>`coalesce(max(event_id), 0)::bigint`.as('maxEventId'),
    ])
    .where('portal_id', '=', portalId)
    .where('event_id', '<', 1_000_000_000)
    .executeTakeFirstOrThrow();
  const jobs = await target.database.executor.executeSql(
    `select count(*)::int as n from ${target.database.jobSchema}.job where name = $1`,
    [WEBHOOK_PROCESS_QUEUE],
  );
  const latencies = [...load.latenciesMs].sort((a, b) => a - b);
  return {
    database: target.label,
    seconds,
    concurrency: 10,
    batchSize: 100,
    acceptedEventsPerSecond: Math.round(load.eventsSent / (load.elapsedMs / 1000)),
    batchesAccepted: load.batchesAccepted,
    non2xx: load.non2xx,
    networkErrors: load.errors,
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    maxMs: Number((latencies[latencies.length - 1] ?? 0).toFixed(1)),
    exactlyOnce: {
      eventsAccepted: load.eventsSent,
      inboxRows: Number(inbox.rows),
      distinctEventIds: Number(inbox.distinctEvents),
      ok: Number(inbox.rows) === load.eventsSent && Number(inbox.distinctEvents) === load.eventsSent,
    },
    processingJobs: (jobs.rows[0] as { n: number }).n,
  };
}

const results = [];
const kinds = which === 'both' ? (['pglite', 'postgres'] as const) : ([which as 'pglite' | 'postgres'] as const);
for (const kind of kinds) {
  let target: BenchTarget | undefined;
  try {
    target = await startBenchTarget(kind, postgresUrl);
  } catch (error) {
    results.push({
      database: kind,
      skipped: `cannot start: ${error instanceof Error ? error.message : String(error)}`,
    });
    continue;
  }
  try {
    const result: Record<string, unknown> = await throughput(target);
    if (reliability) result.reliability = await runReliability(kind, postgresUrl);
    results.push(result);
  } finally {
    await target.close();
  }
}
process.stdout.write(
  `${JSON.stringify({ bench: 'webhooks', node: process.version, cpus: cpus().length, loadavg: loadavg().map((n) => Number(n.toFixed(2))), results }, null, 2)}\n`,
);
