// Large quotes end to end: `node bench/large-quote-bench.ts [lines]` (default 10,000 distinct lines).
// Measured side by side in one run: the floor (the engine's waterfall arithmetic, `priceQuote` on an
// already-validated request), the warm signed `POST /api/v1/pricing/calculate` round trip (client
// JSON, HTTP, body parse, zod validation, pricing, response JSON, client parse) and a cold
// `cpq price` process. Prints JSON with the ratios to the floor.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signV3 } from '../src/kernel/http/hubspot-signature.ts';
import { createHttpApp } from '../src/kernel/http/create-http-app.ts';
import { createLogger } from '../src/kernel/logging/logger.ts';
import { openDatabase } from '../src/kernel/db/open-database.ts';
import { PricingRequestSchema } from '../src/modules/pricing/domain/pricing-request-schema.ts';
import { priceQuote } from '../src/modules/pricing/domain/quote-pricing.ts';
import { pricingRouter } from '../src/modules/pricing/pricing-route.ts';
import { quote } from './pricing-bench.ts';

const LINES = Number(process.argv[2] ?? '10000');
const ROUNDS = 15;
const SECRET = 'bench-secret';
const PUBLIC = 'https://cpq.bench.example';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const round1 = (n: number) => Math.round(n * 10) / 10;

function time(work: () => void, rounds = ROUNDS): number {
  const samples: number[] = [];
  for (let i = 0; i < rounds + 2; i += 1) {
    const t0 = performance.now();
    work();
    if (i >= 2) samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** Every line distinct (no two lines share sku, quantity and discount): a unique additional discount per line. */
function distinctLines(input: unknown): unknown {
  const typed = input as { lines: Array<Record<string, unknown>> };
  typed.lines.forEach((line, i) => {
    line.additionalDiscount = { percent: `${Math.floor(i / 1000)}.${String(i % 1000).padStart(3, '0')}` };
  });
  return typed;
}

const request = distinctLines(quote(LINES, 42));
const body = JSON.stringify(request);
const parsed = PricingRequestSchema.parse(request);
const distinct = new Set(parsed.lines.map((l) => `${l.sku}|${l.quantity}|${JSON.stringify(l.additionalDiscount)}`))
  .size;

const floorMs = time(() => priceQuote(parsed));
const validateMs = time(() => PricingRequestSchema.parse(JSON.parse(body)));
const response = priceQuote(parsed);
const responseBytes = Buffer.byteLength(JSON.stringify(response));
const serializeMs = time(() => JSON.stringify(response));

// The real HTTP app (signature check, JSON body parser, error middleware) with the pricing route.
const database = await openDatabase({ kind: 'pglite' });
const app = createHttpApp({
  db: database.db,
  logger: createLogger({ level: 'silent' }),
  signature: {
    clientSecret: SECRET,
    publicBaseUrl: PUBLIC,
    bodyLimitBytes: 50_000_000,
    acceptLegacySignatures: false,
    now: () => Date.now(),
  },
  apiRouters: [pricingRouter()],
  webhookRouters: [],
});
const server = createServer(app);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

async function roundTrip(): Promise<number> {
  const path = '/api/v1/pricing/calculate?portalId=1&userId=1';
  const t0 = performance.now();
  const payload = JSON.stringify(request);
  const timestamp = String(Date.now());
  const signature = signV3({
    clientSecret: SECRET,
    method: 'POST',
    uri: `${PUBLIC}${path}`,
    rawBody: payload,
    timestamp,
  });
  const answer = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
    body: payload,
  });
  if (answer.status !== 200) throw new Error(`${answer.status} ${await answer.text()}`);
  const json = (await answer.json()) as { lines: unknown[] };
  if (json.lines.length !== LINES) throw new Error('short response');
  return performance.now() - t0;
}

async function warm(): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS + 2; i += 1) {
    const ms = await roundTrip();
    if (i >= 2) samples.push(ms);
  }
  return median(samples);
}

const apiMs = await warm();
server.close();
await database.close();

// Cold: a new `cpq price` process per run (startup, module loading, read, validate, price, write).
const file = join(mkdtempSync(join(tmpdir(), 'large-quote-')), 'quote.json');
writeFileSync(file, body);
const cold: number[] = [];
for (let i = 0; i < 3; i += 1) {
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', 'bin/cpq.js', 'price', file],
    { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 },
  );
  if (run.status !== 0) throw new Error(`cpq price failed: ${run.stderr.toString()}`);
  cold.push(performance.now() - t0);
}
const coldMs = median(cold);

process.stdout.write(
  `${JSON.stringify(
    {
      bench: 'large-quote',
      lines: LINES,
      distinctLines: distinct,
      floorMs: round1(floorMs),
      validateMs: round1(validateMs),
      serializeMs: round1(serializeMs),
      responseBytes,
      api: { warmMs: round1(apiMs), ratio: round1(apiMs / floorMs), target: 3 },
      cli: { coldMs: round1(coldMs), ratio: round1(coldMs / floorMs), target: 6 },
    },
    null,
    2,
  )}\n`,
);
