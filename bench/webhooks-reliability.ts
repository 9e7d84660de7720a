// Reliability run of bench:webhooks (docs/webhooks.md): the same event stream delivered once in order
// (clean) and once with 20% of batches re-sent, 10% shuffled and delivered late, 5% forged copies
// (tampered body, original signature) and, on PostgreSQL, the worker process SIGKILLed mid-run.
// Prints the comparison of final states.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { signV3 } from '../src/kernel/http/signature-digests.ts';
import { createLogger } from '../src/kernel/logging/logger.ts';
import { WEBHOOK_PROCESS_QUEUE, type WebhookProcessJob } from '../src/integrations/hubspot/webhooks/webhook-intake.ts';
import { createWebhookProcessor } from '../src/integrations/hubspot/webhooks/webhook-processor.ts';
import { handleWebhookEvent } from '../src/main/webhook-wiring.ts';
import { benchPorts, catalogSnapshot, createBenchCatalogTable } from './webhooks-bench-catalog.ts';
import {
  BENCH_PORTAL,
  BENCH_PUBLIC_BASE_URL,
  BENCH_SECRET,
  startBenchTarget,
  type BenchTarget,
} from './webhooks-bench-target.ts';
import { SeededRandom } from '../tools/hubspot-sandbox/sandbox-rng.ts';

type Event = Record<string, unknown>;

/** Deterministic numbers (the sandbox's seeded mulberry32) so every run generates the same data. */
function rng(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/**
 * 3,000 product events: creations, prices, names, own writes, deletions. As in HubSpot, an object
 * gets no events after its deletion (a restore would bring its old properties back, which needs
 * a fetch and is not modelled), and its first event is its creation.
 */
function scenario(): Event[][] {
  const random = rng(5);
  const events: Event[] = [];
  const live: number[] = [];
  let nextProduct = 700;
  for (let i = 0; i < 3000; i += 1) {
    const base = {
      eventId: i + 1,
      portalId: BENCH_PORTAL,
      appId: 4242,
      occurredAt: 1_800_000_000_000 + i * 10,
      objectTypeId: '0-7',
      attemptNumber: 0,
      changeSource: 'CRM_UI',
      sourceId: 'userId:1',
    };
    if (live.length < 60 && (live.length === 0 || random() < 0.05)) {
      live.push(nextProduct);
      events.push({ ...base, objectId: nextProduct, subscriptionId: 14, subscriptionType: 'object.creation' });
      nextProduct += 1;
      continue;
    }
    const index = Math.floor(random() * live.length);
    const objectId = live[index] as number;
    const r = random();
    const cents = Math.floor(random() * 100_000);
    const price = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    if (r < 0.7)
      events.push({
        ...base,
        objectId,
        subscriptionId: 11,
        subscriptionType: 'object.propertyChange',
        propertyName: 'price',
        propertyValue: price,
      });
    else if (r < 0.9)
      events.push({
        ...base,
        objectId,
        subscriptionId: 12,
        subscriptionType: 'object.propertyChange',
        propertyName: 'name',
        propertyValue: `Product ${i}`,
      });
    // Own writes on a property the catalog does not mirror: the bench's catalog does not model the
    // app-side state an own write reflects.
    else if (r < 0.98)
      events.push({
        ...base,
        objectId,
        subscriptionId: 15,
        subscriptionType: 'object.propertyChange',
        propertyName: 'description',
        propertyValue: 'synced',
        changeSource: 'INTEGRATION',
        sourceId: '4242',
      });
    else {
      events.push({ ...base, objectId, subscriptionId: 13, subscriptionType: 'object.deletion' });
      live.splice(index, 1);
    }
  }
  const batches: Event[][] = [];
  for (let i = 0; i < events.length; i += 100) batches.push(events.slice(i, i + 100));
  return batches;
}

interface Delivery {
  body: string;
  forged: boolean;
}

function signed(delivery: Delivery, tamper: boolean): { body: string; headers: Record<string, string> } {
  const timestamp = String(Date.now());
  const signature = signV3({
    clientSecret: BENCH_SECRET,
    method: 'POST',
    uri: `${BENCH_PUBLIC_BASE_URL}/webhooks/hubspot`,
    rawBody: delivery.body,
    timestamp,
  });
  // A forged copy: the body is changed after signing (a replay with altered data).
  const body = tamper
    ? delivery.body.replaceAll('"propertyValue":"', '"propertyValue":"666.66').replace(/666\.66[^"]*/g, '666.66')
    : delivery.body;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
  };
}

async function deliver(
  target: BenchTarget,
  deliveries: Delivery[],
  concurrency: number,
  pauseMs: number,
  midway?: () => Promise<void>,
): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let next = 0;
  let midwayDone = false;
  async function loop(): Promise<void> {
    while (next < deliveries.length) {
      const delivery = deliveries[next] as Delivery;
      next += 1;
      if (midway && !midwayDone && next >= deliveries.length / 2) {
        midwayDone = true;
        await midway();
      }
      const request = signed(delivery, delivery.forged);
      const response = await fetch(`${target.url}/webhooks/hubspot`, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      // Paced so the worker processes while later (and late, older) batches still arrive.
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  return statuses;
}

async function drained(target: BenchTarget, limitMs: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from webhook_inbox where portal_id = ${BENCH_PORTAL} and status = 'pending'`.execute(
      target.database.db,
    );
    if (rows[0]?.n === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function inboxSummary(target: BenchTarget) {
  const { rows } = await sql<{
    status: string;
    n: number;
  }>`select status, count(*)::int as n from webhook_inbox where portal_id = ${BENCH_PORTAL} group by status order by status`.execute(
    target.database.db,
  );
  const keys = await sql<{
    k: string;
  }>`select string_agg(subscription_id || ':' || event_id || ':' || occurred_at, ',' order by event_id, subscription_id) as k from webhook_inbox where portal_id = ${BENCH_PORTAL}`.execute(
    target.database.db,
  );
  const forged = await sql<{
    n: number;
  }>`select count(*)::int as n from webhook_inbox where portal_id = ${BENCH_PORTAL} and payload->>'propertyValue' = '666.66'`.execute(
    target.database.db,
  );
  return {
    byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])),
    eventKeys: keys.rows[0]?.k ?? '',
    forgedStored: forged.rows[0]?.n ?? 0,
  };
}

const workerScript = fileURLToPath(new URL('./webhooks-bench-worker.ts', import.meta.url));

function startWorkerProcess(target: BenchTarget, postgresUrl: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      workerScript,
      postgresUrl,
      target.schema ?? '',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

async function run(kind: 'pglite' | 'postgres', postgresUrl: string, chaos: boolean) {
  const target = await startBenchTarget(kind, postgresUrl);
  const children: ChildProcess[] = [];
  try {
    await createBenchCatalogTable(target.database.db);
    const batches = scenario();
    let deliveries: Delivery[] = batches.map((events) => ({ body: JSON.stringify(events), forged: false }));
    const random = rng(11);
    let killed = false;
    if (chaos) {
      // Fixed shares of the batches (chosen by a seeded permutation): 20% re-sent later, 10%
      // shuffled and delivered late, 5% (at least 2) followed by a forged copy.
      const order = batches.map((_, i) => i).sort(() => random() - 0.5);
      const share = (fraction: number, from: number) =>
        new Set(order.slice(from, from + Math.max(2, Math.round(batches.length * fraction))));
      const resent = share(0.2, 0);
      const shuffled = share(0.1, resent.size);
      const forged = share(0.05, resent.size + shuffled.size);
      const late: Delivery[] = [];
      const plan: Delivery[] = [];
      batches.forEach((events, i) => {
        if (shuffled.has(i)) late.push({ body: JSON.stringify([...events].sort(() => random() - 0.5)), forged: false });
        else plan.push({ body: JSON.stringify(events), forged: false });
        if (resent.has(i)) late.push({ body: JSON.stringify(events), forged: false });
        if (forged.has(i)) plan.push({ body: JSON.stringify(events), forged: true });
      });
      for (const delivery of late) plan.splice(Math.floor(random() * (plan.length + 1)), 0, delivery);
      deliveries = plan;
    }
    let statuses: Record<number, number>;
    if (kind === 'postgres') {
      children.push(await startWorkerProcess(target, postgresUrl));
      statuses = await deliver(
        target,
        deliveries,
        chaos ? 3 : 1,
        chaos ? 150 : 0,
        chaos
          ? async () => {
              children[0]?.kill('SIGKILL');
              killed = true;
              children.push(await startWorkerProcess(target, postgresUrl));
            }
          : undefined,
      );
    } else {
      const processor = createWebhookProcessor({
        db: target.database.db,
        portsFor: benchPorts,
        handle: handleWebhookEvent,
        appId: 4242,
        logger: createLogger({ level: 'silent' }),
        maxAttempts: 5,
      });
      await target.jobs.work<WebhookProcessJob>(
        WEBHOOK_PROCESS_QUEUE,
        async (job) => {
          await processor.processJob(job);
        },
        { batchSize: 5, pollingIntervalSeconds: 0.5 },
      );
      statuses = await deliver(target, deliveries, chaos ? 3 : 1, chaos ? 150 : 0);
    }
    const settled = await drained(target, 180_000);
    return {
      deliveries: deliveries.length,
      httpStatuses: statuses,
      workerKilled: killed,
      settled,
      catalog: await catalogSnapshot(target.database.db),
      inbox: await inboxSummary(target),
    };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await target.close();
  }
}

export async function runReliability(kind: 'pglite' | 'postgres', postgresUrl: string) {
  const clean = await run(kind, postgresUrl, false);
  const chaotic = await run(kind, postgresUrl, true);
  return {
    events: 3000,
    clean: {
      deliveries: clean.deliveries,
      httpStatuses: clean.httpStatuses,
      inbox: clean.inbox.byStatus,
      catalogEntries: clean.catalog.length,
    },
    chaotic: {
      deliveries: chaotic.deliveries,
      httpStatuses: chaotic.httpStatuses,
      workerKilled: chaotic.workerKilled
        ? 'SIGKILL of the worker process at half the deliveries, new worker started'
        : 'not simulated (PGlite is one in-process database)',
      inbox: chaotic.inbox.byStatus,
      catalogEntries: chaotic.catalog.length,
    },
    sameCatalogState: JSON.stringify(clean.catalog) === JSON.stringify(chaotic.catalog),
    sameEventsStoredOnce: clean.inbox.eventKeys === chaotic.inbox.eventKeys,
    forgedEventsStored: chaotic.inbox.forgedStored,
    bothSettled: clean.settled && chaotic.settled,
    ok:
      JSON.stringify(clean.catalog) === JSON.stringify(chaotic.catalog) &&
      clean.inbox.eventKeys === chaotic.inbox.eventKeys &&
      chaotic.inbox.forgedStored === 0 &&
      clean.settled &&
      chaotic.settled &&
      !('failed' in chaotic.inbox.byStatus),
  };
}
