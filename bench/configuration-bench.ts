// Configuration benchmark: `npm run bench:configuration`. Prints JSON.
// (1) one change of a bundle with 500 options and 200 rules through the pure engine (target <= 100 ms),
// (2) pricing a quote of 200 bundles x 20 options (target <= 300 ms), next to pricing the same
// number of lines without bundle fields as the baseline, in the same run.
import { cpus, loadavg } from 'node:os';
import { configureBundle, type ConfigurationCatalog } from '../src/modules/configuration/index.ts';
import { priceQuote, PricingRequestSchema } from '../src/modules/pricing/index.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(2));
}

function bigCatalog(): ConfigurationCatalog {
  const products = [
    { sku: 'BIG', category: 'bundle' },
    ...Array.from({ length: 500 }, (_, i) => ({
      sku: `P${i}`,
      category: `c${i % 10}`,
      attributes: { tier: i % 3 === 0 ? 'pro' : 'std' },
    })),
  ];
  const features = Array.from({ length: 25 }, (_, f) => ({
    id: `f${f}`,
    name: `Feature ${f}`,
    maxOptions: 20,
    options: Array.from({ length: 20 }, (_, o) => ({ id: `o${f * 20 + o}`, sku: `P${f * 20 + o}`, default: o === 0 })),
  }));
  const rules = Array.from({ length: 200 }, (_, r) => ({
    id: `r${r}`,
    type: (['selection', 'alert', 'validation', 'filter'] as const)[r % 4] ?? 'alert',
    conditions: [
      { object: 'line' as const, field: 'sku', operator: 'equals' as const, value: `P${(r * 7) % 500}` },
      { object: 'line' as const, field: 'attributes.tier', operator: 'equals' as const, value: 'pro' },
    ],
    logic: r % 2 === 0 ? 'all' : '1 OR 2',
    message: `Rule ${r}`,
    ...(r % 4 === 0 && { actions: [{ type: 'add' as const, option: `o${(r * 11) % 500}` }] }),
    ...(r % 4 === 3 && { filter: { field: 'category', operator: 'not-equals' as const, value: 'c9' } }),
  }));
  return { products, bundles: [{ sku: 'BIG', features }], rules };
}

const catalog = bigCatalog();
const changes: number[] = [];
for (let run = 0; run < 15; run += 1) {
  const options = Array.from({ length: 30 }, (_, i) => ({ option: `o${(i * 17 + run) % 500}` }));
  const started = performance.now();
  configureBundle(catalog, { bundleSku: 'BIG', options });
  changes.push(performance.now() - started);
}

const products = [
  { sku: 'B', prices: { USD: '1000' } },
  ...Array.from({ length: 20 }, (_, o) => ({ sku: `O${o}`, prices: { USD: `${10 + o}.99` } })),
];
const bundleLines = Array.from({ length: 200 }, (_, b) => [
  { id: `b${b}`, sku: 'B', quantity: `${1 + (b % 5)}` },
  ...Array.from({ length: 20 }, (_, o) => ({
    id: `b${b}/o${o}`,
    sku: `O${o}`,
    quantity: `${1 + ((b + o) % 3)}`,
    parentLineId: `b${b}`,
    ...(o % 4 === 0 ? { bundled: true } : o % 4 === 1 ? { optionDiscountPercent: '12.5' } : {}),
  })),
]).flat();
const plainLines = bundleLines.map(({ id, sku, quantity }) => ({ id, sku, quantity }));
const bundled = PricingRequestSchema.parse({ currency: 'USD', catalog: { products }, lines: bundleLines });
const plain = PricingRequestSchema.parse({ currency: 'USD', catalog: { products }, lines: plainLines });
const withBundles: number[] = [];
const baseline: number[] = [];
for (let run = 0; run < 15; run += 1) {
  let started = performance.now();
  priceQuote(plain);
  baseline.push(performance.now() - started);
  started = performance.now();
  priceQuote(bundled);
  withBundles.push(performance.now() - started);
}
process.stdout.write(
  `${JSON.stringify(
    {
      bench: 'configuration',
      node: process.version,
      cpus: cpus().length,
      loadavg: loadavg().map((n) => Number(n.toFixed(2))),
      configureChange: { options: 500, rules: 200, medianMs: median(changes), targetMs: 100 },
      priceBundles: {
        bundles: 200,
        optionsPerBundle: 20,
        lines: bundleLines.length,
        medianMs: median(withBundles),
        baselineSameLinesMs: median(baseline),
        targetMs: 300,
      },
    },
    null,
    2,
  )}\n`,
);
