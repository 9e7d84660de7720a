// `npm run bench:billing`: the invoice run over BENCH_SUBS subscriptions (5 per contract, one due
// invoice per contract, spread over BENCH_PORTALS portals). PostgreSQL with TEST_DATABASE_URL
// (target: 100,000 subscriptions / 20,000 contracts <= 60 s; 10x the subscriptions <= 11x the time),
// PGlite without it (target: 10,000 subscriptions <= 30 s). Prints JSON on stdout.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { toPortalId } from '../src/kernel/db/portal-id.ts';
import { runInvoices } from '../src/modules/billing/invoice-run.ts';
import { createTestDatabase } from '../test/support/test-database.ts';

const onPostgres = process.env.TEST_DATABASE_URL !== undefined;
const SUBS = Number(process.env.BENCH_SUBS ?? (onPostgres ? 100_000 : 10_000));
const SUBS_PER_CONTRACT = 5;
const PORTALS = Number(process.env.BENCH_PORTALS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? (onPostgres ? 4 : 1));
const CONTRACTS = Math.ceil(SUBS / SUBS_PER_CONTRACT);
const DATE = '2026-02-15';

const database = await createTestDatabase();
try {
  const setupStart = performance.now();
  const lines = Array.from({ length: SUBS_PER_CONTRACT }, (_, i) => ({
    lineId: `line-${i}`,
    segmentId: `seg-${i}`,
    kind: 'recurring',
    sku: `SKU-${i}`,
    periodStart: DATE,
    periodEnd: '2026-03-14',
    quantity: '10',
    prorationFactor: '1',
    amount: '100.00',
  }));
  const linesJson = JSON.stringify(lines);
  const installments = JSON.stringify([{ dueDate: '2026-03-17', amount: '500.00', percent: '100' }]);
  const billing = JSON.stringify({
    settings: { frequency: 'monthly', timing: 'advance', anchor: { type: 'start' }, paymentTerms: { netDays: 30 } },
    roundingMode: 'half-up',
  });
  for (let start = 0; start < CONTRACTS; start += 1000) {
    const ids = Array.from({ length: Math.min(1000, CONTRACTS - start) }, (_, i) => start + i);
    const portalOf = (index: number) => toPortalId(1 + (index % PORTALS));
    await database.db
      .insertInto('billing_contracts')
      .values(
        ids.map((index) => ({
          portal_id: portalOf(index),
          contract_id: `c${index}`,
          deal_id: `d${index}`,
          company_id: null,
          currency: 'USD',
          billing,
          contract_version: 1,
          cancelled_effective_date: null,
        })),
      )
      .execute();
    await database.db
      .insertInto('invoices')
      .values(
        ids.map((index) => ({
          portal_id: portalOf(index),
          contract_id: `c${index}`,
          invoice_date: DATE,
          due_date: '2026-03-17',
          currency: 'USD',
          total: '500.00',
          lines: linesJson,
          installments,
        })),
      )
      .execute();
  }
  const setupMs = performance.now() - setupStart;

  let published = 0;
  const events = {
    publish: () => {
      published += 1;
      return Promise.resolve();
    },
  };
  const runStart = performance.now();
  const result = await runInvoices(
    { db: database.db, events, now: () => Date.parse('2026-02-15T02:30:00Z') },
    { date: DATE, portalConcurrency: CONCURRENCY },
  );
  const runMs = performance.now() - runStart;

  // Every contract's invoice issued once; per portal the numbers are 1..n.
  const rows = await database.db
    .selectFrom('invoices')
    .select((eb) => ['portal_id', eb.fn.countAll<number>().as('issued'), eb.fn.max('sequence').as('maxSequence')])
    .where('portal_id', '>', 0)
    .where('status', '=', 'issued')
    .groupBy('portal_id')
    .execute();
  const gapless = rows.every((row) => Number(row.issued) === Number(row.maxSequence));
  const issued = rows.reduce((sum, row) => sum + Number(row.issued), 0);

  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'billing invoice run',
        database: onPostgres ? 'postgresql' : 'pglite',
        subscriptions: SUBS,
        contracts: CONTRACTS,
        portals: PORTALS,
        portalConcurrency: CONCURRENCY,
        invoicesIssued: result.invoicesIssued,
        issuedRows: issued,
        eventsPublished: published,
        gaplessPerPortal: gapless,
        setupMs: Math.round(setupMs),
        runMs: Math.round(runMs),
        invoicesPerSecond: Math.round((result.invoicesIssued / runMs) * 1000),
        target: onPostgres ? 'runMs <= 60000 at 100,000 subscriptions' : 'runMs <= 30000 at 10,000 subscriptions',
        loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await database.drop();
}
