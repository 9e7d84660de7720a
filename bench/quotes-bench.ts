// `npm run bench:quotes`: the card's pricing-and-save round trip through the real signed HTTP
// stack on PGlite (docs/quotes.md "Performance": 50 lines p95 <= 150 ms, 1,000 lines p95 <= 1 s), plus
// the catalog import of 50,000 products it runs against. Prints JSON on stdout.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { importCatalog } from '../src/modules/catalog/catalog-import.ts';
import { parseCatalogFile } from '../src/modules/catalog/catalog-file-parser.ts';
import { PORTAL, startQuoteApi } from '../test/quotes/quote-api-harness.ts';

const CATALOG_SIZE = 50_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const WARMUP = 5;

function catalogJson(size: number): string {
  const products = Array.from({ length: size }, (_, i) => ({
    sku: `SKU-${i}`,
    name: `Product ${i}`,
    category: i % 3 === 0 ? 'hardware' : 'software',
    prices: { USD: `${(i % 997) + 1}.${String(i % 100).padStart(2, '0')}`, EUR: `${(i % 991) + 1}.50` },
    ...(i % 4 === 0 ? { recurring: { defaultTermMonths: '12' } } : {}),
    ...(i % 5 === 0 ? { discountSchedule: 'VOL' } : {}),
  }));
  const discountSchedules = [
    {
      id: 'VOL',
      type: 'range',
      tiers: [
        { lowerBound: '1', upperBound: '10', value: '0' },
        { lowerBound: '10', upperBound: '50', value: '10' },
        { lowerBound: '50', value: '20' },
      ],
    },
  ];
  return JSON.stringify({ discountSchedules, products }, null, 1);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const round = (ms: number) => Math.round(ms * 10) / 10;

const api = await startQuoteApi();
try {
  const text = catalogJson(CATALOG_SIZE);
  const importStart = performance.now();
  const imported = await importCatalog(api.http.database.db, PORTAL, parseCatalogFile(text, 'json'), {
    partial: false,
  });
  const catalogImportMs = performance.now() - importStart;

  const scenarios = [];
  for (const size of [50, 1000]) {
    const lines = Array.from({ length: size }, (_, i) => ({
      id: `L${i}`,
      sku: `SKU-${(i * 37) % CATALOG_SIZE}`,
      quantity: String((i % 60) + 1),
      ...(i % 3 === 0 ? { additionalDiscount: { percent: '5' } } : {}),
    }));
    const created = await api.call('POST', '/v1/deals/777/quotes?lineLimit=25', {
      currency: 'USD',
      termMonths: '24',
      lines,
    });
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${await created.text()}`);
    const quoteId = ((await created.json()) as { id: string }).id;
    const times: number[] = [];
    for (let round_ = 0; round_ < WARMUP + ROUNDS; round_++) {
      // One rep edit: a line's quantity changes; the backend reprices the whole quote and saves it.
      const edit = {
        lineChanges: {
          upsert: [
            { id: `L${round_ % size}`, sku: lines[round_ % size]?.sku ?? 'SKU-0', quantity: String(round_ + 2) },
          ],
        },
      };
      const start = performance.now();
      const response = await api.call('PATCH', `/v1/quotes/${quoteId}?lineLimit=25`, edit);
      await response.arrayBuffer();
      const elapsed = performance.now() - start;
      if (response.status !== 200) throw new Error(`save failed: ${response.status}`);
      if (round_ >= WARMUP) times.push(elapsed);
    }
    times.sort((a, b) => a - b);
    scenarios.push({
      lines: size,
      rounds: ROUNDS,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      maxMs: round(times.at(-1) ?? Number.NaN),
    });
  }

  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'quotes',
        database: 'PGlite',
        roundTrip:
          'signed PATCH /api/v1/quotes/:id (one line edit) -> load + reprice whole quote + save + audit + sync enqueue -> first page of 25 lines',
        scenarios,
        catalogImport: { products: imported.products, ms: Math.round(catalogImportMs), fileBytes: text.length },
        loadAverage1m: round(loadavg()[0] ?? 0),
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await api.close();
}
