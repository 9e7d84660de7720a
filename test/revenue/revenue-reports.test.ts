import { PassThrough } from 'node:stream';
import { Router } from 'express';
import type { ContractView } from '../../src/modules/contracts/index.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { scheduleContractRevenue } from '../../src/modules/revenue/contract-revenue-scheduler.ts';
import { writeRevenueCsv } from '../../src/modules/revenue/revenue-csv-export.ts';
import { revenueRouter } from '../../src/modules/revenue/revenue-routes.ts';
import { grantRole } from '../../src/modules/tenancy/role-repository.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';
import { DATABASE_LABEL } from '../support/test-database.ts';
import { amendedBundle, bundleContract, fakeContractReader, PORTAL } from './contract-fixtures.ts';

const OTHER = toPortalId(777);
const USER = 7;

interface Row {
  contractId: string;
  dealId: string;
  lineId: string;
  sku: string;
  currency: string;
  period: string;
  amount: string;
}

describe(`revenue reports: waterfall, rows, CSV export, position, SSP admin (${DATABASE_LABEL})`, () => {
  let http: HttpHarness;

  beforeAll(async () => {
    const late = Router();
    let inner = Router();
    late.use((req, res, next) => inner(req, res, next));
    http = await startHttpHarness({ apiRouters: [late] });
    inner = revenueRouter(http.database.db, () => Date.parse('2026-03-15T00:00:00Z'));
    const contracts = new Map<string, ContractView>([
      ['c1', bundleContract()],
      ['c2', { ...bundleContract(), id: 'c2', dealId: '9002', currency: 'EUR', createdAt: '2026-01-05T00:00:00Z' }],
    ]);
    const deps = {
      db: http.database.db,
      contracts: fakeContractReader(contracts),
      categories: async () => new Map<string, string | null>(),
      now: () => Date.parse('2026-01-02T00:00:00Z'),
    };
    await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c1' });
    await scheduleContractRevenue(deps, { portalId: PORTAL, contractId: 'c2' });
    // Another portal's contract must never show up.
    await scheduleContractRevenue(
      { ...deps, contracts: { get: async () => ({ ...amendedBundle(), version: 1, portalId: OTHER }) } },
      { portalId: OTHER, contractId: 'c1' },
    );
  });
  afterAll(async () => http.close());

  const get = (path: string, portal: number = PORTAL) =>
    http.signedFetch(
      'GET',
      `/api/v1/revenue/${path}${path.includes('?') ? '&' : '?'}portalId=${portal}&userId=${USER}`,
    );

  test('waterfall: revenue recognised by month and the deferred balance at each month end, per currency', async () => {
    const response = await get('waterfall?from=2025-12&to=2026-03');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      currencies: Array<{
        currency: string;
        months: Array<{ period: string; recognized: string; deferredEnd: string }>;
      }>;
    };
    expect(body.currencies.map((c) => c.currency)).toEqual(['EUR', 'USD']);
    expect(body.currencies.find((c) => c.currency === 'USD')?.months).toEqual([
      { period: '2025-12', recognized: '0.00', deferredEnd: '1460.00' }, // signed 20 Dec 2025, nothing earned yet
      { period: '2026-01', recognized: '475.02', deferredEnd: '984.98' }, // phone 394.59 + January seats 80.43
      { period: '2026-02', recognized: '191.03', deferredEnd: '793.95' }, // onboarding 118.38 + 72.65
      { period: '2026-03', recognized: '80.43', deferredEnd: '713.52' },
    ]);
    // The EUR contract was created in January 2026: it is not deferred revenue in December 2025.
    expect(body.currencies.find((c) => c.currency === 'EUR')?.months[0]).toEqual({
      period: '2025-12',
      recognized: '0.00',
      deferredEnd: '0.00',
    });
  });

  test('rows API pages by cursor and the CSV export has exactly the same rows (HTTP and the streaming writer)', async () => {
    const apiRows: Row[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = `rows?from=2026-01&to=2026-12&limit=5${after ? `&after=${after}` : ''}`;
      const body = (await (await get(query)).json()) as { rows: Row[]; nextCursor: string | null };
      apiRows.push(...body.rows);
      after = body.nextCursor;
      pages += 1;
    } while (after !== null);
    expect(apiRows).toHaveLength(28);
    expect(pages).toBe(6);
    expect(new Set(apiRows.map((r) => r.contractId))).toEqual(new Set(['c1', 'c2']));

    const csvResponse = await get('export.csv?from=2026-01&to=2026-12');
    expect(csvResponse.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await csvResponse.text();
    const [header, ...lines] = csv.trimEnd().split('\r\n');
    expect(header).toBe('contractId,dealId,lineId,sku,currency,period,amount');
    const csvRows = lines.map((line) => {
      const [contractId, dealId, lineId, sku, currency, period, amount] = line.split(',');
      return { contractId, dealId, lineId, sku, currency, period, amount };
    });
    expect(csvRows).toEqual(apiRows);

    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    expect(await writeRevenueCsv(http.database.db, PORTAL, { from: '2026-01', to: '2026-12' }, out, 3)).toBe(28);
    expect(text).toBe(csv);
  });

  test('CSV total per month equals the waterfall', async () => {
    const csv = await (await get('export.csv?from=2026-02&to=2026-02')).text();
    const usdCents = csv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .filter((line) => line.includes(',USD,'))
      .reduce((sum, line) => sum + BigInt((line.split(',')[6] ?? '0').replace('.', '')), 0n);
    expect(usdCents).toBe(19103n);
  });

  test('position: recognised to date (months ended by the date) and deferred, for a deal', async () => {
    const response = await get('position?dealId=9001&asOf=2026-03-15');
    expect(await response.json()).toEqual({
      dealId: '9001',
      asOf: '2026-03-15',
      throughPeriod: '2026-02',
      currencies: [{ currency: 'USD', contractValue: '1460.00', recognizedToDate: '666.05', deferred: '793.95' }],
    });
    const endOfMonth = (await (await get('position?dealId=9001&asOf=2026-03-31')).json()) as {
      throughPeriod: string;
    };
    expect(endOfMonth.throughPeriod).toBe('2026-03');
  });

  test('bad report parameters are 400 naming the field', async () => {
    const response = await get('waterfall?from=2026-13&to=2027-01');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues.map((i) => i.path)).toEqual(['from']);
    const reversed = await get('export.csv?from=2026-05&to=2026-01');
    expect(reversed.status).toBe(400);
    expect((await errorOf(reversed)).issues).toEqual([{ path: 'to', message: 'must not be before from' }]);
  });

  test('SSP rules: only an admin may replace them; invalid rules are 400 and write nothing', async () => {
    const body = JSON.stringify({
      rules: [
        { scope: 'product', key: 'PHONE', currency: 'USD', kind: 'fixed', amount: '450' },
        { scope: 'category', key: 'services', currency: '*', kind: 'list-discount', discountPercent: '20' },
      ],
    });
    const put = (text: string) =>
      http.signedFetch('PUT', `/api/v1/revenue/ssp-rules?portalId=${PORTAL}&userId=${USER}`, { body: text });
    expect((await put(body)).status).toBe(403);
    await grantRole(http.database.db, PORTAL, USER, 'admin', null);
    const bad = await put(
      JSON.stringify({ rules: [{ scope: 'product', key: 'PHONE', currency: '*', kind: 'fixed', amount: '1' }] }),
    );
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues).toEqual([
      { path: 'rules.0.currency', message: 'a fixed SSP needs a currency code' },
    ]);
    expect(await (await get('ssp-rules')).json()).toEqual({ rules: [] });
    const ok = await put(body);
    expect(await ok.json()).toEqual({ imported: 2, replaced: false });
    expect(await (await get('ssp-rules')).json()).toEqual({
      rules: [
        { scope: 'product', key: 'PHONE', currency: 'USD', kind: 'fixed', amount: '450' },
        { scope: 'category', key: 'services', currency: '*', kind: 'list-discount', discountPercent: '20' },
      ],
    });
    const audit = await http.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('portal_id', '=', PORTAL)
      .where('action', '=', 'revenue.ssp-rules-imported')
      .execute();
    expect(audit).toHaveLength(1);
  });

  test("another portal's rows never appear", async () => {
    const body = (await (await get('rows?from=2026-01&to=2026-12&limit=100', OTHER)).json()) as { rows: Row[] };
    expect(body.rows.every((r) => r.dealId === '9001' && r.contractId === 'c1')).toBe(true);
    expect(body.rows).toHaveLength(14);
  });
});
