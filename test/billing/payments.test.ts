import { toPortalId, type PortalId } from '../../src/kernel/db/portal-id.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';
import { rebuildContractPlan } from '../../src/modules/billing/contract-plan-service.ts';
import { listInvoices } from '../../src/modules/billing/invoice-queries.ts';
import { runInvoices } from '../../src/modules/billing/invoice-run.ts';
import { voidInvoice } from '../../src/modules/billing/invoice-void.ts';
import { recordPayments } from '../../src/modules/billing/payment-service.ts';
import { importPayments } from '../../src/modules/billing/payments-import.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { contractView, FakeContractSource, NOW, recordingEvents } from './billing-db-fixtures.ts';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('payments: partial payments, balance due, CSV import (all rows or none), voids', () => {
  let database: TestDatabase;
  let portal: PortalId;
  let nextPortal = 5000;
  let recorder: ReturnType<typeof recordingEvents>;
  beforeAll(async () => {
    database = await createTestDatabase();
  }, 120_000);
  afterAll(async () => database.drop());

  /** One contract, invoices issued through 2026-03-20: INV-2026-000001..3 of 1000.00 each. */
  beforeEach(async () => {
    portal = toPortalId((nextPortal += 1));
    recorder = recordingEvents();
    const contracts = new FakeContractSource();
    contracts.put(contractView('c1', portal));
    await rebuildContractPlan({ db: database.db, contracts, now: () => NOW }, portal, 'c1');
    await runInvoices({ db: database.db, events: recorder, now: () => NOW }, { date: '2026-03-20', portalId: portal });
  });
  const deps = () => ({ db: database.db, events: recorder, now: () => NOW });
  const payment = (invoiceNumber: string, amount: string, reference: string) => ({
    invoiceNumber,
    amount,
    paidOn: '2026-02-01',
    reference,
    source: 'api' as const,
  });

  test('a partial payment leaves a balance due; the payment that reaches the total marks the invoice paid and publishes invoice.paid', async () => {
    const [first] = await recordPayments(deps(), portal, [payment('INV-2026-000001', '300.00', 'p1')]);
    expect(first).toMatchObject({ amountPaid: '300.00', balanceDue: '700.00', status: 'issued', recorded: true });
    const [second] = await recordPayments(deps(), portal, [payment('INV-2026-000001', '700', 'p2')]);
    expect(second).toMatchObject({ amountPaid: '1000.00', balanceDue: '0.00', status: 'paid' });
    const invoices = await listInvoices(database.db, portal, '2026-03-20', { statuses: ['paid'] });
    expect(invoices.map((invoice) => [invoice.number, invoice.amountPaid, invoice.balanceDue])).toEqual([
      ['INV-2026-000001', '1000.00', '0.00'],
    ]);
    expect(recorder.events.filter((entry) => entry.event === 'invoice.paid')).toHaveLength(1);
  });

  test('a payment above the balance due is refused and writes nothing; the same reference twice is recorded once', async () => {
    const error = await rejection(recordPayments(deps(), portal, [payment('INV-2026-000002', '1000.01', 'p3')]));
    expect([error.code, error.issues]).toEqual([
      'PAYMENT_EXCEEDS_BALANCE',
      [{ path: 'amount', message: 'exceeds the balance due 1000.00' }],
    ]);
    await recordPayments(deps(), portal, [payment('INV-2026-000002', '10', 'p4')]);
    const [again] = await recordPayments(deps(), portal, [payment('INV-2026-000002', '10', 'p4')]);
    expect(again).toMatchObject({ recorded: false, amountPaid: '10.00' });
  });

  test('overdue: issued, unpaid and past its due date', async () => {
    // INV 1 is due 2026-02-14, INV 2 2026-03-17, INV 3 2026-04-14.
    const overdue = await listInvoices(database.db, portal, '2026-03-20', { overdueAsOf: '2026-03-20' });
    expect(overdue.map((invoice) => [invoice.number, invoice.dueDate, invoice.overdue])).toEqual([
      ['INV-2026-000001', '2026-02-14', true],
      ['INV-2026-000002', '2026-03-17', true],
    ]);
  });

  test('CSV import: a bad row is reported with its line number and nothing is written', async () => {
    const csv = [
      'invoice_number,amount,paid_on,reference',
      'INV-2026-000001,1000.00,2026-02-10,bank-1',
      'INV-2026-000002,abc,2026-02-11,bank-2',
      'INV-2026-999999,5,2026-02-11,bank-3',
      'INV-2026-000003,600,2026-02-11,bank-4',
      'INV-2026-000003,600,2026-02-12,bank-5',
    ].join('\n');
    const error = await rejection(importPayments(deps(), portal, csv));
    expect(error.code).toBe('PAYMENTS_IMPORT_INVALID');
    expect(error.issues).toEqual([
      { path: 'line 3.amount', message: 'must be an exact decimal string such as "30" or "30.00"' },
      { path: 'line 4.invoice_number', message: 'no invoice numbered INV-2026-999999' },
      { path: 'line 6.amount', message: 'exceeds the balance due 400.00 of INV-2026-000003' },
    ]);
    const paid = await database.db.selectFrom('payments').select('id').where('portal_id', '=', portal).execute();
    expect(paid).toEqual([]);
  });

  test('CSV import of a clean file records every row in one go; importing it again records nothing new', async () => {
    const csv =
      'invoice_number,amount,paid_on,reference\nINV-2026-000001,1000.00,2026-02-10,bank-1\nINV-2026-000002,250,2026-03-01,bank-2\n';
    expect(await importPayments(deps(), portal, csv)).toMatchObject({ recorded: 2, skipped: 0 });
    expect(await importPayments(deps(), portal, csv)).toMatchObject({ recorded: 0, skipped: 2 });
    const invoices = await listInvoices(database.db, portal, '2026-03-20', { statuses: ['issued', 'paid'] });
    expect(invoices.map((invoice) => [invoice.number, invoice.status, invoice.balanceDue])).toEqual([
      ['INV-2026-000001', 'paid', '0.00'],
      ['INV-2026-000002', 'issued', '750.00'],
      ['INV-2026-000003', 'issued', '1000.00'],
    ]);
  });

  test('a void keeps the number used, publishes invoice.voided, and refuses a partly paid invoice', async () => {
    const [third] = await listInvoices(database.db, portal, '2026-03-20', { statuses: ['issued'] }).then((all) =>
      all.filter((invoice) => invoice.number === 'INV-2026-000003'),
    );
    const actor = { kind: 'user' as const, userId: 7 };
    expect(await voidInvoice(deps(), portal, Number(third?.id), actor)).toEqual({ status: 'voided', changed: true });
    expect(await voidInvoice(deps(), portal, Number(third?.id), actor)).toEqual({ status: 'voided', changed: false });
    const voided = await listInvoices(database.db, portal, '2026-03-20', { statuses: ['voided'] });
    expect(voided.map((invoice) => invoice.number)).toEqual(['INV-2026-000003']);
    expect(recorder.events.some((entry) => entry.event === 'invoice.voided')).toBe(true);

    await recordPayments(deps(), portal, [payment('INV-2026-000001', '1', 'p9')]);
    const first = (await listInvoices(database.db, portal, '2026-03-20')).find((i) => i.number === 'INV-2026-000001');
    const error = await rejection(voidInvoice(deps(), portal, Number(first?.id), actor));
    expect(error.code).toBe('INVOICE_STATE_CONFLICT');
  });
});
