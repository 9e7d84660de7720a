import { Router } from 'express';
import type { AppDeps } from '../../src/kernel/app-module.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { billingRouter } from '../../src/modules/billing/billing-routes.ts';
import { rebuildContractPlan } from '../../src/modules/billing/contract-plan-service.ts';
import { runInvoices } from '../../src/modules/billing/invoice-run.ts';
import { grantRole } from '../../src/modules/tenancy/role-repository.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';
import { contractView, FakeContractSource, NOW, recordingEvents } from './billing-db-fixtures.ts';

const PORTAL = toPortalId(4242);
const USER = 9;

describe('billing API (signed card routes)', () => {
  let harness: HttpHarness;
  const recorder = recordingEvents();
  beforeAll(async () => {
    // The router needs the harness's database, which exists once the harness started.
    const holder: { router?: Router } = {};
    const lazy = Router();
    lazy.use((req, res, next) => (holder.router ? holder.router(req, res, next) : next()));
    harness = await startHttpHarness({ apiRouters: [lazy] });
    const deps: Pick<AppDeps, 'database' | 'events' | 'now'> = {
      database: harness.database,
      events: { ...recorder, subscribe: () => undefined, subscribersOf: () => [] },
      now: () => Date.parse('2026-02-20T10:00:00Z'),
    };
    holder.router = billingRouter(deps as AppDeps);
    const contracts = new FakeContractSource();
    contracts.put(contractView('c1', PORTAL));
    await rebuildContractPlan({ db: harness.database.db, contracts, now: () => NOW }, PORTAL, 'c1');
    await runInvoices(
      { db: harness.database.db, events: recorder, now: () => NOW },
      { date: '2026-02-20', portalId: PORTAL },
    );
  }, 120_000);
  afterAll(async () => harness.close());

  const url = (path: string) => `/api${path}?portalId=${PORTAL}&userId=${USER}`;

  test("GET a contract's invoices: status, due dates, balance due and overdue totals", async () => {
    const response = await harness.signedFetch('GET', url('/v1/billing/contracts/c1/invoices'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      invoices: Array<{ number: string | null; status: string; overdue: boolean }>;
      totals: Record<string, string>;
    };
    expect(body.invoices.slice(0, 3).map((invoice) => [invoice.number, invoice.status, invoice.overdue])).toEqual([
      ['INV-2026-000001', 'issued', true],
      ['INV-2026-000002', 'issued', false],
      [null, 'planned', false],
    ]);
    expect(body.totals).toEqual({ invoiced: '2000.00', paid: '0.00', balanceDue: '2000.00', overdue: '1000.00' });
  });

  test('recording a payment needs the admin role (403), then lowers the balance (201)', async () => {
    const list = (await (await harness.signedFetch('GET', url('/v1/billing/invoices'))).json()) as {
      invoices: Array<{ id: string; number: string | null }>;
    };
    const first = list.invoices.find((invoice) => invoice.number === 'INV-2026-000001');
    const body = JSON.stringify({ amount: '400', paidOn: '2026-02-19', reference: 'wire-1' });
    const path = url(`/v1/billing/invoices/${first?.id ?? ''}/payments`);
    expect((await harness.signedFetch('POST', path, { body })).status).toBe(403);
    await grantRole(harness.database.db, PORTAL, USER, 'admin', null);
    const response = await harness.signedFetch('POST', path, { body });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ amountPaid: '400.00', balanceDue: '600.00', status: 'issued' });
  });

  test('invalid billing settings -> 400 naming the field', async () => {
    await grantRole(harness.database.db, PORTAL, USER, 'admin', null);
    const response = await harness.signedFetch('PUT', url('/v1/billing/settings'), {
      body: JSON.stringify({ billing: { frequency: 'monthly' }, invoiceNumberFormat: 'INV-{YYYY}' }),
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect([error.code, error.issues]).toEqual([
      'BILLING_SETTINGS_INVALID',
      [{ path: 'invoiceNumberFormat', message: 'must contain {SEQ} or {SEQ:n}' }],
    ]);
  });
});
