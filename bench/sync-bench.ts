import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../src/kernel/db/migrate-database.ts';
import { openDatabase, type Database } from '../src/kernel/db/open-database.ts';
import type { PortalId } from '../src/kernel/db/portal-id.ts';
import { createHubSpotClients } from '../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../src/integrations/hubspot/static-token-provider.ts';
import { createJobQueue, type JobQueue } from '../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../src/kernel/logging/logger.ts';
import {
  createHubSpotSandbox,
  type HubSpotSandbox,
  type SandboxServer,
} from '../tools/hubspot-sandbox/hubspot-sandbox.ts';
import { enqueueQuoteSync } from '../src/integrations/hubspot/sync/enqueue-quote-sync.ts';
import { hubspotSyncModule } from '../src/integrations/hubspot/sync/hubspot-sync-module.ts';
import { ensureProvisioned } from '../src/integrations/hubspot/sync/hubspot-provisioning.ts';
import { QUOTE_SYNC_QUEUE } from '../src/integrations/hubspot/sync/quote-sync-contract.ts';
import { verifySandbox, type SyncBenchFixture } from './sync-bench-fixture.ts';
import { startBenchWorker } from './sync-bench-worker.ts';

/**
 * `npm run bench:sync` (docs/hubspot-sync.md): sync D deals x L line items into the local sandbox enforcing
 * 110 requests per window. Prints calls made vs the batching minimum, 429s, wall time vs the
 * rate-limit bound; then the same with injected 429/5xx/timeouts and the worker SIGKILLed halfway,
 * verifying every record in the sandbox. Options: --window-ms (10000 = HubSpot's; smaller = fast
 * mode), --deals, --lines, --mode clean|faults|all, --database-url (faults mode needs PostgreSQL).
 */
const { values } = parseArgs({
  options: {
    'window-ms': { type: 'string', default: '10000' },
    deals: { type: 'string', default: '100' },
    lines: { type: 'string', default: '100' },
    mode: { type: 'string', default: 'all' },
    'database-url': { type: 'string' },
  },
});
const windowMs = Number(values['window-ms']);
const dealCount = Number(values.deals);
const lineCount = Number(values.lines);
const RATE_LIMIT = 110;
const databaseUrl = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const here = dirname(fileURLToPath(import.meta.url));
const logger = createLogger({ level: 'silent' });

interface Setup {
  sandbox: HubSpotSandbox;
  server: SandboxServer;
  fixture: SyncBenchFixture;
  database: Database;
  jobs: JobQueue;
}

async function admin(server: SandboxServer, method: string, path: string, body?: unknown): Promise<{ id?: string }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as { id?: string };
}

async function setUp(kind: 'clean' | 'faults'): Promise<Setup> {
  const sandbox = createHubSpotSandbox({ seed: false, rateLimit: { maxRequests: RATE_LIMIT, windowMs } });
  const server = await sandbox.listen(0);
  const quotes: SyncBenchFixture['quotes'] = [];
  for (let n = 1; n <= dealCount; n += 1) {
    // Admin routes: the deals and contacts exist "in HubSpot" already; not counted, not rate limited.
    const deal = await admin(server, 'POST', '/__sandbox/objects/deals', {
      properties: { dealname: `Bench deal ${n}`, amount: '0' },
    });
    const contact = await admin(server, 'POST', '/__sandbox/objects/contacts', {
      properties: { email: `buyer${n}@bench.test` },
    });
    quotes.push({ quoteId: `bench-q-${n}`, dealId: String(deal.id), contactId: String(contact.id) });
  }
  const schema = `sync_bench_${randomBytes(4).toString('hex')}`;
  const useDatabase = kind === 'faults' && databaseUrl ? { url: databaseUrl, schema } : undefined;
  const database = useDatabase
    ? await openDatabase({ kind: 'postgres', url: useDatabase.url, schema, maxConnections: 4 })
    : await openDatabase({ kind: 'pglite' });
  await migrateDatabase(database);
  const jobs = createJobQueue({ database, databaseUrl: useDatabase?.url, logger });
  await jobs.start();
  for (const queue of hubspotSyncModule.queues ?? []) {
    // Faults run: a SIGKILLed worker's active jobs come back after expireInSeconds (+ pg-boss's
    // 60 s supervision); production keeps the module's longer expiry.
    await jobs.defineQueue(
      kind === 'faults' && queue.name === QUOTE_SYNC_QUEUE ? { ...queue, expireInSeconds: 20 } : queue,
    );
  }
  const fixture: SyncBenchFixture = {
    sandboxUrl: server.url,
    accessToken: sandbox.demoAccessToken,
    portalId: sandbox.portalId,
    rateLimit: RATE_LIMIT,
    windowMs,
    timeoutMs: 3_000,
    lines: lineCount,
    quotes,
    database: useDatabase,
  };
  // Provision once before measuring (its ~10 calls are not part of the sync).
  const provisioner = createHubSpotClients({
    basePath: server.url,
    tokens: createStaticTokenProvider(new Map([[sandbox.portalId, sandbox.demoAccessToken]])),
    logger,
    rateLimitPerWindow: RATE_LIMIT,
    windowMs,
  });
  await ensureProvisioned(database.db, provisioner.forPortal(sandbox.portalId as PortalId));
  for (const quote of quotes) await enqueueQuoteSync(jobs, { portalId: sandbox.portalId, quoteId: quote.quoteId });
  await admin(server, 'POST', '/__sandbox/rate-limits/reset');
  sandbox.stats.reset();
  return { sandbox, server, fixture, database, jobs };
}

async function syncedCount(setup: Setup): Promise<number> {
  const rows = await setup.database.db
    .selectFrom('hubspot_quote_sync')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('portal_id', '=', setup.fixture.portalId as PortalId)
    .where('status', '=', 'synced')
    .executeTakeFirst();
  return Number(rows?.n ?? 0);
}

async function until(condition: () => Promise<boolean>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('benchmark did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The fewest calls any batching implementation needs: per quote 1 quote create (associations inline), ceil(L/100) line-item creates for the deal and for the quote copy, 1 deal update. */
function batchingMinimum(): number {
  return dealCount * (1 + 2 * Math.ceil(lineCount / 100) + 1);
}

/** The first `limit` calls go at once; every further `limit` needs one more window. */
function rateLimitBoundMs(calls: number): number {
  return Math.floor(Math.max(0, calls - 1) / RATE_LIMIT) * windowMs;
}

function summary(setup: Setup, wallMs: number) {
  const stats = setup.sandbox.stats.snapshot();
  const injected = setup.sandbox.faults.injectedCounts();
  const calls = stats.total;
  const minimum = batchingMinimum();
  const received429 = stats.byStatus['429'] ?? 0;
  return {
    deals: dealCount,
    lineItemsPerDeal: lineCount,
    recordsSynced: dealCount * (lineCount * 2 + 2),
    hubspotCalls: calls,
    batchingMinimum: minimum,
    callsVsMinimum: Number((calls / minimum).toFixed(3)),
    callsPerSyncedRecord: Number((calls / (dealCount * (lineCount * 2 + 2))).toFixed(4)),
    byStatus: stats.byStatus,
    received429,
    injected429: injected['429'] ?? 0,
    own429: received429 - (injected['429'] ?? 0),
    injectedFaults: injected,
    wallMs,
    rateLimitBoundMs: rateLimitBoundMs(minimum),
    wallVsBound: Number((wallMs / Math.max(1, rateLimitBoundMs(minimum))).toFixed(3)),
  };
}

async function tearDown(setup: Setup): Promise<void> {
  await setup.jobs.stop(3_000);
  await setup.server.close();
  await setup.database.close();
}

async function runClean() {
  const setup = await setUp('clean');
  const started = Date.now();
  await startBenchWorker(setup.fixture, setup.database, setup.jobs);
  await until(async () => (await syncedCount(setup)) === dealCount, 30 * 60_000);
  const wallMs = Date.now() - started;
  const result = { ...summary(setup, wallMs), verification: verifySandbox(setup.sandbox, setup.fixture) };
  await tearDown(setup);
  return result;
}

function startWorkerProcess(fixtureFile: string): Promise<ChildProcess> {
  const child = fork(join(here, 'sync-bench-worker.ts'), [fixtureFile], {
    execArgv: ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    child.on('message', (message: { ready?: boolean }) => {
      if (message.ready) {
        child.removeAllListeners('exit');
        resolve(child);
      }
    });
  });
}

async function runFaults() {
  if (!databaseUrl)
    return {
      skipped:
        'needs PostgreSQL (--database-url, BENCH_DATABASE_URL or TEST_DATABASE_URL): two worker processes share the queue',
    };
  const setup = await setUp('faults');
  const fixtureFile = join(mkdtempSync(join(tmpdir(), 'sync-bench-')), 'fixture.json');
  writeFileSync(fixtureFile, JSON.stringify(setup.fixture));
  setup.sandbox.faults.set({ rate429: 0.1, rate5xx: 0.05, timeoutRate: 0.02, seed: 42 });
  const started = Date.now();
  const first = await startWorkerProcess(fixtureFile);
  await until(async () => (await syncedCount(setup)) >= dealCount / 2, 30 * 60_000);
  first.kill('SIGKILL');
  const syncedAtKill = await syncedCount(setup);
  const killedAfterMs = Date.now() - started;
  const second = await startWorkerProcess(fixtureFile);
  await until(async () => (await syncedCount(setup)) === dealCount, 30 * 60_000);
  const wallMs = Date.now() - started;
  const jobCounts = await setup.jobs.counts(QUOTE_SYNC_QUEUE);
  const exited = new Promise((resolve) => second.once('exit', resolve));
  second.kill('SIGTERM');
  await exited;
  const measured = summary(setup, wallMs);
  setup.sandbox.faults.reset();
  const result = {
    ...measured,
    killedAfterMs,
    syncedAtKill,
    jobCounts,
    verification: verifySandbox(setup.sandbox, setup.fixture),
  };
  await tearDown(setup);
  return result;
}

const mode = values.mode;
const output: Record<string, unknown> = { windowMs, rateLimit: RATE_LIMIT };
if (mode === 'clean' || mode === 'all') output.clean = await runClean();
if (mode === 'faults' || mode === 'all') output.faultsWithSigkill = await runFaults();
process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
process.exit(0);
