// `node --experimental-strip-types bench/contracts-bench.ts`: contracts performance (issue "Contracts
// and subscriptions": `cpq renew` on 1,000 contracts x 20 subscriptions <= 2 s; the daily renewal
// job over many contracts, and a re-run creates nothing). The renewal job runs on PostgreSQL when
// BENCH_DATABASE_URL is set (a fresh schema), else on in-memory PGlite. Prints JSON on stdout.
import { performance } from 'node:perf_hooks';
import {
  priceRenewals,
  RenewalRequestSchema,
  writeContractImport,
  parseContractImport,
} from '../src/modules/contracts/index.ts';
import { runRenewalScan } from '../src/modules/contracts/contract-renewal-job.ts';
import { toPortalId } from '../src/kernel/db/portal-id.ts';
import { createTestDatabase } from '../test/support/test-database.ts';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 1000);
const SUBSCRIPTIONS = 20;
const JOB_CONTRACTS = Number(process.env.BENCH_JOB_CONTRACTS ?? 2000);

function renewRequest(): unknown {
  const methods = ['same', 'uplift', 'list'] as const;
  return {
    currency: 'USD',
    catalog: {
      products: Array.from({ length: SUBSCRIPTIONS }, (_, s) => ({
        sku: `SKU-${s}`,
        prices: { USD: `${100 + s}.00` },
        recurring: { defaultTermMonths: '12' },
      })),
    },
    account: { partnerDiscountPercent: '5' },
    renewalTermMonths: '12',
    contracts: Array.from({ length: CONTRACTS }, (_, c) => ({
      id: `c${c}`,
      endDate: `2025-${String((c % 12) + 1).padStart(2, '0')}-15`,
      renewalGroup: c % 10 === 0 ? null : `g${c % 50}`,
      renewalPricing: methods[c % 3],
      upliftPercent: '3',
      subscriptions: Array.from({ length: SUBSCRIPTIONS }, (_, s) => ({
        id: `c${c}-s${s}`,
        sku: `SKU-${s}`,
        quantity: `${(s % 7) + 1}`,
        listUnitPrice: `${100 + s}.00`,
        customerUnitPrice: `${90 + s}.50`,
        termMonths: '12',
        ...(s % 4 === 0 ? { upliftPercent: '7' } : {}),
      })),
    })),
  };
}

async function renewalJob(): Promise<Record<string, number | string>> {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const database = await createTestDatabase();
  try {
    const portalId = toPortalId(62515);
    await database.db
      .insertInto('portals')
      .values({ portal_id: portalId, status: 'installed', hub_domain: null, scopes: '' })
      .execute();
    const rows = parseContractImport({
      contracts: Array.from({ length: JOB_CONTRACTS }, (_, c) => ({
        externalId: `x${c}`,
        dealId: `d${c}`,
        companyId: `co${c % 100}`,
        currency: 'USD',
        startDate: '2025-01-01',
        endDate: `2025-12-${String((c % 28) + 1).padStart(2, '0')}`,
        ...(c % 5 === 0 ? { renewalGroup: `g${c % 40}` } : {}),
        lines: Array.from({ length: 3 }, (_, s) => ({
          sku: `SKU-${s}`,
          kind: 'subscription',
          quantity: '2',
          netUnitPrice: '1000',
          customerUnitPrice: '1000',
          termMonths: '12',
        })),
      })),
    });
    await writeContractImport(database.db, portalId, rows);
    const t0 = performance.now();
    const first = await runRenewalScan(database.db, '2025-11-01');
    const t1 = performance.now();
    const second = await runRenewalScan(database.db, '2025-11-02');
    const t2 = performance.now();
    return {
      database: database.url ? 'postgresql' : 'pglite',
      contracts: JOB_CONTRACTS,
      firstRunMs: Math.round(t1 - t0),
      renewalsCreated: first.created,
      rerunMs: Math.round(t2 - t1),
      rerunCreated: second.created,
    };
  } finally {
    await database.drop();
  }
}

const request = RenewalRequestSchema.parse(renewRequest());
priceRenewals(request); // warm-up
const start = performance.now();
const response = priceRenewals(request);
const renewMs = performance.now() - start;
const lines = response.renewals.reduce((n, r) => n + r.pricing.lines.length, 0);
const job = await renewalJob();
console.log(
  JSON.stringify(
    {
      renew: {
        contracts: CONTRACTS,
        subscriptions: CONTRACTS * SUBSCRIPTIONS,
        renewals: response.renewals.length,
        lines,
        ms: Math.round(renewMs),
        limitMs: 2000,
        pass: renewMs <= 2000,
      },
      renewalJob: { ...job, pass: job.rerunCreated === 0 },
    },
    null,
    2,
  ),
);
