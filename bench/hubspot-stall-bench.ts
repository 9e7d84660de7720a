// HubSpot stall benchmark: `npm run bench:stall` (or node --experimental-strip-types bench/hubspot-stall-bench.ts).
// The real app in sandbox mode on embedded PGlite (one connection). The sandbox times out every
// /crm/v3/objects/products call; one signed object.creation webhook for an unknown product makes the
// processor read that product (30 s timeout, retries). Meanwhile a card call (GET /api/v1/security/me)
// is made every 100 ms. Before the fix the processor held its transaction during the HubSpot call and
// card calls waited for it (one took 230 s); now HubSpot is read before the transaction. Prints JSON:
// card call p50/p99/max and the webhook intake time. Target: card p99 < 200 ms. BENCH_SECONDS sets the run length.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/kernel/config/app-config.ts';
import { createLogger } from '../src/kernel/logging/logger.ts';
import { signV3 } from '../src/kernel/http/hubspot-signature.ts';
import { startApp } from '../src/main/app-runtime.ts';

const PUBLIC = 'http://localhost';
const seconds = Number(process.env.BENCH_SECONDS ?? '40');

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cpq-stall-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    SANDBOX_PORT: '0',
    PUBLIC_BASE_URL: PUBLIC,
    LOG_LEVEL: 'silent',
  });
  const app = await startApp({ config, logger: createLogger({ level: 'silent' }) });
  const sandbox = app.sandbox;
  if (!sandbox) throw new Error('the bench needs sandbox mode');
  try {
    const signed = (method: string, path: string, body = '') => {
      const timestamp = String(Date.now());
      const signature = signV3({
        clientSecret: sandbox.clientSecret,
        method,
        uri: `${PUBLIC}${path}`,
        rawBody: body,
        timestamp,
      });
      return fetch(`${app.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-hubspot-signature-v3': signature,
          'x-hubspot-request-timestamp': timestamp,
        },
        ...(method === 'GET' ? {} : { body }),
      });
    };
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timeoutRate: 1, paths: ['/crm/v3/objects/products'] }),
    });
    const event = {
      eventId: 1,
      subscriptionId: 1,
      portalId: sandbox.portalId,
      occurredAt: Date.now(),
      subscriptionType: 'object.creation',
      objectTypeId: '0-7',
      objectId: 987654,
      changeSource: 'CRM_UI',
    };
    const intakeStarted = performance.now();
    const intake = await signed('POST', '/webhooks/hubspot', JSON.stringify([event]));
    const intakeMs = performance.now() - intakeStarted;

    const samples: number[] = [];
    const statuses = new Map<number, number>();
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      const started = performance.now();
      const response = await signed('GET', `/api/v1/security/me?portalId=${sandbox.portalId}&userId=1`);
      await response.arrayBuffer();
      samples.push(performance.now() - started);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const faults = (await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()) as Record<string, unknown>;
    const round = (value: number) => Math.round(value * 10) / 10;
    process.stdout.write(
      `${JSON.stringify(
        {
          bench: 'hubspot-stall',
          database: app.database.kind,
          fault: { timeoutRate: 1, paths: ['/crm/v3/objects/products'] },
          webhookIntake: { status: intake.status, ms: round(intakeMs) },
          cardCalls: {
            count: samples.length,
            statuses: Object.fromEntries(statuses),
            p50Ms: round(percentile(samples, 50)),
            p99Ms: round(percentile(samples, 99)),
            maxMs: round(Math.max(...samples)),
          },
          target: 'card p99 < 200 ms while HubSpot times out',
          sandboxFaults: faults,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
