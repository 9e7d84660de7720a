import { toPortalId, type PortalId } from '../../src/kernel/db/portal-id.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { rebuildContractPlan } from '../../src/modules/billing/contract-plan-service.ts';
import { runInvoices } from '../../src/modules/billing/invoice-run.ts';
import {
  contractView,
  FakeContractSource,
  invoiceRows,
  NOW,
  recordingEvents,
  seatLine,
} from './billing-db-fixtures.ts';

describe('invoice run: issuing planned invoices with gapless numbers', () => {
  // One database per file (PGlite start-up is slow); each test works in portals of its own.
  let database: TestDatabase;
  let contracts: FakeContractSource;
  let PORTAL: PortalId;
  let OTHER_PORTAL: PortalId;
  let nextPortal = 1000;
  beforeAll(async () => {
    database = await createTestDatabase();
  }, 120_000);
  afterAll(async () => database.drop());
  beforeEach(() => {
    contracts = new FakeContractSource();
    PORTAL = toPortalId((nextPortal += 1));
    OTHER_PORTAL = toPortalId((nextPortal += 1));
  });

  const planDeps = () => ({ db: database.db, contracts, now: () => NOW });

  async function planContracts(portal: PortalId, count: number): Promise<void> {
    for (let index = 1; index <= count; index += 1) {
      contracts.put(contractView(`c${index}`, portal));
      await rebuildContractPlan(planDeps(), portal, `c${index}`);
    }
  }

  test('a contract is planned into 12 monthly invoices of 1000.00 (10 seats x 100.00), all planned, unnumbered', async () => {
    contracts.put(contractView('c1', PORTAL));
    expect(await rebuildContractPlan(planDeps(), PORTAL, 'c1')).toEqual({
      plannedInvoices: 12,
      cancellationCredit: null,
    });
    const rows = await invoiceRows(database.db, PORTAL);
    expect(rows.map((row) => [row.invoice_date, row.status, row.number, row.total, row.due_date]).slice(0, 2)).toEqual([
      ['2026-01-15', 'planned', null, '1000.00', '2026-02-14'],
      ['2026-02-15', 'planned', null, '1000.00', '2026-03-17'],
    ]);
    // Rebuilding again (a repeated event) gives the same plan.
    await rebuildContractPlan(planDeps(), PORTAL, 'c1');
    expect((await invoiceRows(database.db, PORTAL)).length).toBe(12);
  });

  test('the run issues every invoice dated on or before the run date, numbered INV-YYYY-000001.. in date order, and publishes invoice.issued', async () => {
    await planContracts(PORTAL, 2);
    const recorder = recordingEvents();
    const result = await runInvoices(
      { db: database.db, events: recorder, now: () => NOW },
      { date: '2026-02-20', portalId: PORTAL },
    );
    expect(result).toEqual({ invoicesIssued: 4, creditNotesIssued: 0 });
    const issued = (await invoiceRows(database.db, PORTAL)).filter((row) => row.status === 'issued');
    expect(issued.map((row) => [row.invoice_date, row.contract_id, row.number])).toEqual([
      ['2026-01-15', 'c1', 'INV-2026-000001'],
      ['2026-01-15', 'c2', 'INV-2026-000002'],
      ['2026-02-15', 'c1', 'INV-2026-000003'],
      ['2026-02-15', 'c2', 'INV-2026-000004'],
    ]);
    expect(recorder.events.map((entry) => entry.event)).toEqual(Array.from({ length: 4 }, () => 'invoice.issued'));
  });

  test('running the same day twice issues nothing new (idempotent)', async () => {
    await planContracts(PORTAL, 1);
    const deps = { db: database.db, events: recordingEvents(), now: () => NOW };
    await runInvoices(deps, { date: '2026-03-01', portalId: PORTAL });
    const before = await invoiceRows(database.db, PORTAL);
    expect(await runInvoices(deps, { date: '2026-03-01', portalId: PORTAL })).toEqual({
      invoicesIssued: 0,
      creditNotesIssued: 0,
    });
    expect(await invoiceRows(database.db, PORTAL)).toEqual(before);
  });

  test('a run interrupted between invoices and run again: every due invoice issued once, numbers 1..n without gap or duplicate', async () => {
    await planContracts(PORTAL, 3);
    const deps = { db: database.db, events: recordingEvents(), now: () => NOW };
    let count = 0;
    const interrupt = () => {
      count += 1;
      if (count === 4) throw new Error('killed');
    };
    await expect(runInvoices(deps, { date: '2026-04-01', portalId: PORTAL, afterIssue: interrupt })).rejects.toThrow(
      'killed',
    );
    expect((await invoiceRows(database.db, PORTAL)).filter((row) => row.status === 'issued')).toHaveLength(4);
    await runInvoices(deps, { date: '2026-04-01', portalId: PORTAL });
    const issued = (await invoiceRows(database.db, PORTAL)).filter((row) => row.status === 'issued');
    expect(issued).toHaveLength(9);
    expect(issued.map((row) => row.sequence).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('a transaction killed before commit leaves its invoice planned and its number unused', async () => {
    await planContracts(PORTAL, 2);
    let calls = 0;
    const failingEvents = {
      publish: () => {
        calls += 1;
        return calls === 2 ? Promise.reject(new Error('connection lost')) : Promise.resolve();
      },
    };
    await expect(
      runInvoices({ db: database.db, events: failingEvents, now: () => NOW }, { date: '2026-01-31', portalId: PORTAL }),
    ).rejects.toThrow('connection lost');
    const afterCrash = await invoiceRows(database.db, PORTAL);
    expect(afterCrash.filter((row) => row.status === 'issued').map((row) => row.number)).toEqual(['INV-2026-000001']);
    await runInvoices(
      { db: database.db, events: recordingEvents(), now: () => NOW },
      { date: '2026-01-31', portalId: PORTAL },
    );
    const issued = (await invoiceRows(database.db, PORTAL)).filter((row) => row.status === 'issued');
    expect(issued.map((row) => [row.contract_id, row.number])).toEqual([
      ['c1', 'INV-2026-000001'],
      ['c2', 'INV-2026-000002'],
    ]);
  });

  test('two workers running the same run concurrently: each due invoice issued once, per-portal numbers gapless', async () => {
    await planContracts(PORTAL, 6);
    await planContracts(OTHER_PORTAL, 4);
    const deps = { db: database.db, events: recordingEvents(), now: () => NOW };
    // Both workers sweep every portal (the daily run); other tests' portals are left issued too.
    await Promise.all([
      runInvoices(deps, { date: '2026-03-20', batchSize: 3 }),
      runInvoices(deps, { date: '2026-03-20', batchSize: 3 }),
    ]);
    for (const [portal, expected] of [
      [PORTAL, 18],
      [OTHER_PORTAL, 12],
    ] as const) {
      const issued = (await invoiceRows(database.db, portal)).filter((row) => row.status === 'issued');
      expect(issued).toHaveLength(expected);
      const sequences = issued.map((row) => row.sequence ?? 0).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: expected }, (_, index) => index + 1));
      expect(new Set(issued.map((row) => row.number)).size).toBe(expected);
    }
  });

  test('--portal limits the run to one portal', async () => {
    await planContracts(PORTAL, 1);
    await planContracts(OTHER_PORTAL, 1);
    const deps = { db: database.db, events: recordingEvents(), now: () => NOW };
    expect(await runInvoices(deps, { date: '2026-01-20', portalId: OTHER_PORTAL })).toEqual({
      invoicesIssued: 1,
      creditNotesIssued: 0,
    });
    expect((await invoiceRows(database.db, PORTAL)).every((row) => row.status === 'planned')).toBe(true);
  });

  test('an amendment bills its prorated delta on the next invoice; issued invoices are never changed', async () => {
    contracts.put(contractView('c1', PORTAL));
    await rebuildContractPlan(planDeps(), PORTAL, 'c1');
    const deps = { db: database.db, events: recordingEvents(), now: () => NOW };
    await runInvoices(deps, { date: '2026-03-20', portalId: PORTAL });
    const issuedBefore = (await invoiceRows(database.db, PORTAL)).filter((row) => row.status === 'issued');

    const line = seatLine();
    const added = {
      id: 'seg-2',
      quantity: '5',
      startDate: '2026-04-01',
      endDate: '2027-01-14',
      netUnitPrice: '1200',
      netAmount: '0',
      sourceQuoteId: 'q2',
    };
    contracts.put(
      contractView('c1', PORTAL, {
        version: 2,
        lines: [{ ...line, quantity: '15', segments: [...line.segments, added] }],
      }),
    );
    await rebuildContractPlan(planDeps(), PORTAL, 'c1');

    const rows = await invoiceRows(database.db, PORTAL);
    expect(rows.filter((row) => row.status === 'issued')).toEqual(issuedBefore);
    // 2026-04-01..04-14 is 14 of the 31 days of 03-15..04-14: 5 x 100.00 x 14/31 = 225.81, then 500.00 a month.
    const april = rows.find((row) => row.invoice_date === '2026-04-15');
    expect([april?.status, april?.total]).toEqual(['planned', '1725.81']);
    expect(rows.some((row) => row.invoice_date === '2026-04-01')).toBe(false);
    expect(rows.find((row) => row.invoice_date === '2026-05-15')?.total).toBe('1500.00');
  });

  test('a cancellation drops the later planned invoices and issues a CN- credit note for the unused days of the issued period', async () => {
    contracts.put(contractView('c1', PORTAL));
    await rebuildContractPlan(planDeps(), PORTAL, 'c1');
    const deps = { db: database.db, events: recordingEvents(), now: () => NOW };
    await runInvoices(deps, { date: '2026-03-20', portalId: PORTAL });
    // Served through 2026-04-04: the first unserved day is 04-05.
    contracts.put(contractView('c1', PORTAL, { version: 2, status: 'cancelled', endDate: '2026-04-04' }));
    expect(await rebuildContractPlan(planDeps(), PORTAL, 'c1')).toEqual({
      plannedInvoices: 0,
      // 04-05..04-14 is 10 of the 31 days of the billed period 03-15..04-14: 1000.00 x 10/31 = 322.58.
      cancellationCredit: '322.58',
    });
    expect(await runInvoices(deps, { date: '2026-04-05', portalId: PORTAL })).toEqual({
      invoicesIssued: 0,
      creditNotesIssued: 1,
    });
    const notes = await database.db
      .selectFrom('credit_notes')
      .select(['number', 'status', 'total', 'note_date'])
      .where('portal_id', '=', PORTAL)
      .execute();
    expect(notes).toEqual([{ number: 'CN-2026-000001', status: 'issued', total: '322.58', note_date: '2026-04-05' }]);
    // A repeated cancellation event plans no second credit note.
    await rebuildContractPlan(planDeps(), PORTAL, 'c1');
    expect(await runInvoices(deps, { date: '2026-04-30', portalId: PORTAL })).toEqual({
      invoicesIssued: 0,
      creditNotesIssued: 0,
    });
  });
});
