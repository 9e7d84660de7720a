// Attribution engine benchmark: `npm run bench:attribution`. Prints JSON.
// Generates deals with 20 touches each (deterministic), runs every model, and reports the time per
// size next to a baseline measured in the same run (a plain loop that sums the same number of
// decimal shares), plus the scaling ratio between sizes (target: 10x deals <= 11x time).
import { cpus, loadavg } from 'node:os';
import { attribute, ATTRIBUTION_MODELS, type AttributionRequest } from '../src/modules/attribution/index.ts';
import { Decimal } from '../src/kernel/money/money.ts';
import { SeededRandom } from '../tools/hubspot-sandbox/sandbox-rng.ts';

const TOUCHES = 20;
const sizes = (process.argv[2] ?? '10000,100000').split(',').map((n) => Number.parseInt(n, 10));
const day = 86_400_000;
const base = Date.UTC(2026, 0, 1);

function deals(count: number): AttributionRequest['deals'] {
  const random = new SeededRandom(count);
  const int = (max: number) => Math.floor(random.next() * max);
  return Array.from({ length: count }, (_, d) => {
    const start = base + int(300) * day;
    const touchpoints = Array.from({ length: TOUCHES }, (_, t) => ({
      id: `t${t}`,
      occurredAt: new Date(start + t * day + int(day)).toISOString(),
      campaign: `Campaign ${int(50)}`,
      channel: ['email-marketing', 'paid-search', 'organic-search', 'referrals'][int(4)] ?? 'other',
    }));
    return {
      id: `d${d}`,
      currency: 'USD',
      amounts: {
        quoted: `${1000 + int(100_000)}.${String(int(100)).padStart(2, '0')}`,
        contracted: '1000.00',
        invoiced: '500.00',
        collected: '250.00',
      },
      contactCreatedAt: new Date(start + 3 * day).toISOString(),
      dealCreatedAt: new Date(start + 10 * day).toISOString(),
      closedWonAt: new Date(start + 18 * day).toISOString(),
      touchpoints,
    };
  });
}

/** Baseline: the bare decimal work of splitting one amount 20 ways per deal (no model logic). */
function baseline(input: AttributionRequest['deals']): number {
  const started = performance.now();
  let sink = new Decimal(0);
  for (const deal of input) {
    const amount = new Decimal(deal.amounts.quoted ?? '0');
    for (let t = 0; t < TOUCHES; t += 1) sink = sink.plus(amount.div(TOUCHES));
  }
  if (sink.isNegative()) throw new Error('unreachable');
  return performance.now() - started;
}

const results = [];
for (const size of sizes) {
  const input = deals(size);
  const baselineMs = baseline(input);
  const perModel: Record<string, number> = {};
  let total = 0;
  for (const model of ATTRIBUTION_MODELS) {
    const started = performance.now();
    attribute({ model, deals: input });
    perModel[model] = Math.round(performance.now() - started);
    total += perModel[model] ?? 0;
  }
  results.push({
    deals: size,
    touchesPerDeal: TOUCHES,
    allModelsMs: total,
    baselineSplitMs: Math.round(baselineMs),
    perModelMs: perModel,
  });
}
const scaling =
  results.length >= 2 ? Number(((results[1]?.allModelsMs ?? 0) / (results[0]?.allModelsMs ?? 1)).toFixed(2)) : null;
process.stdout.write(
  `${JSON.stringify({ bench: 'attribution', node: process.version, cpus: cpus().length, loadavg: loadavg().map((n) => Number(n.toFixed(2))), results, scaling }, null, 2)}\n`,
);
