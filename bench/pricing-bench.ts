// Pricing engine benchmark (docs/pricing.md): `npm run bench:pricing` (node --expose-gc).
// Generates realistic quotes of 100 .. 100,000 lines and prints JSON: p50/p95 of priceQuote over
// repeated runs, lines per second, schema-parse time, retained heap per line and peak RSS.
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { PricingRequestSchema, type PricingRequest } from '../src/modules/pricing/domain/pricing-request-schema.ts';
import { priceQuote } from '../src/modules/pricing/domain/quote-pricing.ts';
import { SeededRandom } from '../tools/hubspot-sandbox/sandbox-rng.ts';

type Input = Record<string, unknown>;

/** Deterministic numbers (the sandbox's seeded mulberry32) so every run generates the same data. */
function rng(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/** Money as exact strings built from integer cents: the generator never does money arithmetic. */
const cents = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

function catalog(random: () => number): { products: Input[]; schedules: Input[]; skus: string[]; account: Input } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const schedules: Input[] = [
    {
      id: 'VOL-LINE',
      type: 'range',
      aggregation: 'line',
      tiers: [
        { lowerBound: '1', upperBound: '10', value: '0' },
        { lowerBound: '10', upperBound: '50', value: '5' },
        { lowerBound: '50', upperBound: '100', value: '10' },
        { lowerBound: '100', value: '15' },
      ],
    },
    {
      id: 'SLAB-LINE',
      type: 'slab',
      aggregation: 'line',
      tiers: [
        { lowerBound: '1', upperBound: '25', value: '0' },
        { lowerBound: '25', upperBound: '75', value: '7.5' },
        { lowerBound: '75', value: '12' },
      ],
    },
    {
      id: 'VOL-QUOTE',
      type: 'range',
      aggregation: 'quote',
      tiers: [
        { lowerBound: '0', upperBound: '1000', value: '2' },
        { lowerBound: '1000', upperBound: '100000', value: '6' },
        { lowerBound: '100000', value: '9' },
      ],
    },
    {
      id: 'SLAB-ACCOUNT',
      type: 'slab',
      aggregation: 'account',
      tiers: [
        { lowerBound: '1', upperBound: '500', value: '3' },
        { lowerBound: '500', value: '8' },
      ],
    },
    {
      id: 'AMT-LINE',
      type: 'range',
      unit: 'amount',
      aggregation: 'line',
      tiers: [
        { lowerBound: '1', upperBound: '20', value: { USD: '0.50', EUR: '0.45' } },
        { lowerBound: '20', value: { USD: '1.25', EUR: '1.10' } },
      ],
    },
    {
      id: 'TERM',
      type: 'range',
      tiers: [
        { lowerBound: '0', upperBound: '24', value: '0' },
        { lowerBound: '24', upperBound: '36', value: '5' },
        { lowerBound: '36', value: '10' },
      ],
    },
  ];
  const products: Input[] = [];
  const skus: string[] = [];
  for (let i = 0; i < 300; i += 1) {
    const sku = `SKU-${i}`;
    const roll = random();
    const price = { USD: cents(int(500, 500_000)) };
    const schedule = random() < 0.6 ? pick(['VOL-LINE', 'SLAB-LINE', 'VOL-QUOTE', 'SLAB-ACCOUNT', 'AMT-LINE']) : null;
    const category = pick(['hardware', 'software', 'services']);
    if (roll < 0.55) products.push({ sku, category, prices: price, discountSchedule: schedule });
    else if (roll < 0.85) {
      products.push({
        sku,
        category: 'software',
        prices: price,
        recurring: { defaultTermMonths: pick(['12', '12', '36']) },
        discountSchedule: schedule,
        termDiscountSchedule: 'TERM',
      });
    } else if (roll < 0.93) {
      products.push({
        sku,
        category,
        prices: price,
        cost: { USD: cents(int(300, 300_000)) },
        pricingMethod: 'cost-plus',
        markup: { percent: pick(['15', '22.5', '40']) },
      });
    } else {
      const tiers = Array.from({ length: int(3, 8) }, (_, t) => ({
        lowerBound: `${t * 10 + 1}`,
        upperBound: `${t * 10 + 11}`,
        price: { USD: cents(int(1000, 50_000) * (t + 1)) },
      }));
      products.push({
        sku,
        category,
        pricingMethod: 'block',
        blockTiers: tiers,
        overageRate: { USD: cents(int(100, 900)) },
      });
    }
    skus.push(sku);
  }
  products.push({
    sku: 'SUPPORT',
    category: 'services',
    pricingMethod: 'percent-of-total',
    percentOfTotal: { percent: '18', base: 'net', categories: ['software'], min: { USD: '500' } },
    recurring: {},
  });
  products.push({
    sku: 'WARRANTY',
    category: 'services',
    pricingMethod: 'percent-of-total',
    percentOfTotal: { percent: '4.5', base: 'list', categories: ['hardware'], max: { USD: '250000' } },
  });
  const contracted: Input[] = skus
    .filter(() => random() < 0.07)
    .map((sku) =>
      random() < 0.5
        ? { sku, discountPercent: pick(['5', '8', '12.5']) }
        : { sku, price: { USD: cents(int(400, 400_000)) } },
    );
  contracted.push({ category: 'services', discountPercent: '3' });
  const account = {
    contractedPrices: contracted,
    partnerDiscountPercent: '15',
    distributorDiscountPercent: '5',
    priorQuantities: Object.fromEntries(skus.filter(() => random() < 0.1).map((sku) => [sku, `${int(1, 400)}`])),
  };
  return { products, schedules, skus, account };
}

/** A realistic pricing request of `lines` lines (exported for profiling scripts). */
export function quote(lines: number, seed: number): unknown {
  const random = rng(seed);
  const { products, schedules, skus, account } = catalog(random);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const popular = skus.slice(0, 60);
  const quoteLines: Input[] = [];
  for (let i = 0; i < lines; i += 1) {
    const isPot = i % 1000 === 999;
    const sku = isPot ? pick(['SUPPORT', 'WARRANTY']) : random() < 0.7 ? pick(popular) : pick(skus);
    const quantity =
      random() < 0.9
        ? `${1 + Math.floor(random() * random() * 120)}`
        : `${1 + Math.floor(random() * 40)}.${Math.floor(random() * 100)}`;
    const line: Input = { id: `L${i}`, sku: isPot ? sku : sku, quantity: isPot ? '1' : quantity };
    const discount = random();
    if (discount < 0.2) line.additionalDiscount = { percent: pick(['5', '10', '12.5', '20']) };
    else if (discount < 0.25) line.additionalDiscount = { amount: pick(['5', '25', '49.99']) };
    const term = random();
    if (term < 0.1) line.term = { months: pick(['24', '36']) };
    else if (term < 0.2)
      line.term = { startDate: pick(['2026-03-01', '2026-05-31', '2026-08-15']), endDate: '2027-02-14' };
    quoteLines.push(line);
  }
  return {
    currency: 'USD',
    pricingDate: '2026-02-15',
    options: { roundingMode: 'half-up' },
    term: { startDate: '2026-02-15', endDate: '2027-02-14', prorationPrecision: 'monthly+daily' },
    catalog: { products, discountSchedules: schedules },
    account,
    lines: quoteLines,
  };
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const round = (value: number, digits = 1): number => Number(value.toFixed(digits)); // timings, not money

/** Runs the benchmark and prints its JSON report. */
function main(): void {
  const sizes: { lines: number; runs: number }[] = [
    { lines: 100, runs: 300 },
    { lines: 1_000, runs: 100 },
    { lines: 10_000, runs: 50 },
    { lines: 100_000, runs: 9 },
  ];
  const loadBefore = loadavg()[0];
  interface SizeResult {
    lines: number;
    runs: number;
    p50Ms: number;
    p95Ms: number;
    minMs: number;
    linesPerSecond: number;
    schemaParseMs: number;
    heapBytesPerLine: number;
    peakRssMb: number;
    errorLines: number;
    netTotal: string;
  }
  const results: SizeResult[] = [];
  for (const { lines, runs } of sizes) {
    const raw = quote(lines, 42 + lines);
    const parseStart = performance.now();
    const request: PricingRequest = PricingRequestSchema.parse(raw);
    const parseMs = performance.now() - parseStart;
    for (let i = 0; i < Math.min(3, runs); i += 1) priceQuote(request); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      gc(); // each run starts from a clean heap, as separate requests would
      const start = performance.now();
      priceQuote(request);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // Heap retained by responses: several copies for small quotes so fixed noise averages out.
    const copies = Math.max(1, Math.floor(20_000 / lines));
    const kept = [];
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < copies; i += 1) kept.push(priceQuote(request));
    gc();
    const heapBytesPerLine = (process.memoryUsage().heapUsed - heapBefore) / (lines * copies);
    const retained = kept[0] ?? priceQuote(request);
    const errors = retained.messages.filter((m) => m.level === 'error').length;
    const p50 = percentile(times, 50);
    results.push({
      lines,
      runs,
      p50Ms: round(p50),
      p95Ms: round(percentile(times, 95)),
      minMs: round(times[0] ?? Number.NaN),
      linesPerSecond: Math.round(lines / (p50 / 1000)),
      schemaParseMs: round(parseMs),
      heapBytesPerLine: Math.round(heapBytesPerLine),
      peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
      errorLines: errors,
      netTotal: retained.totals.netTotal,
    });
  }
  const at = (lines: number) => results.find((r) => r.lines === lines);
  const tenK = at(10_000);
  const hundredK = at(100_000);
  console.log(
    JSON.stringify(
      {
        node: process.version,
        cpus: cpus().length,
        // Other work on the machine inflates p95 first; the load average tells how quiet it was.
        loadAverage1m: { before: round(loadBefore ?? 0, 2), after: round(loadavg()[0] ?? 0, 2) },
        results,
        targets: {
          p50At10kLinesMsMax150: tenK ? tenK.p50Ms <= 150 : null,
          p50At100kLinesMsMax2000: hundredK ? hundredK.p50Ms <= 2000 : null,
          linearTimeRatio100kOver10kMax11: tenK && hundredK ? round(hundredK.p50Ms / tenK.p50Ms, 2) : null,
          heapBytesPerLineMax2048: results.every((r) => r.heapBytesPerLine <= 2048),
        },
      },
      null,
      2,
    ),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
