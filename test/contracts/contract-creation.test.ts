import { onDealClosedWon, onQuoteAccepted } from '../../src/modules/contracts/contract-event-handlers.ts';
import { createContractReader } from '../../src/modules/contracts/index.ts';
import { contractSettingsRepository } from '../../src/modules/contracts/contract-settings-repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { toPortalId, type PortalId } from '../../src/kernel/db/portal-id.ts';
import { contractRowCounts, insertQuote, recordingEvents } from './contract-records-fixtures.ts';

// One database per file (migrating PGlite is the slow part); each test gets its own portal.
let nextPortal = 70000;
let PORTAL: PortalId = toPortalId(nextPortal);
const quoteOf = (): string => `q-${PORTAL}`;
const accepted = (quoteId = quoteOf()) => ({
  portalId: PORTAL,
  quoteId,
  dealId: 'deal-1',
  acceptedAt: '2026-02-01T15:30:00Z',
});
const won = () => ({ portalId: PORTAL, dealId: 'deal-1', occurredAt: '2026-02-02T09:00:00Z' });

describe('contracts from accepted quotes', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());
  beforeEach(async () => {
    nextPortal += 1;
    PORTAL = toPortalId(nextPortal);
    await insertQuote(database.db, { portalId: PORTAL, id: quoteOf() });
  });

  test('an accepted quote creates one order and one contract with a subscription per recurring line', async () => {
    const events = recordingEvents();
    const result = await onQuoteAccepted({ db: database.db, events }, accepted());
    expect(result.outcome).toBe('created');
    expect(await contractRowCounts(database.db, PORTAL)).toEqual({
      contract_orders: 1,
      contract_order_items: 2,
      contracts: 1,
      contract_lines: 2,
      contract_segments: 2,
    });
    const contractId = result.outcome === 'created' ? result.contractId : '';
    const view = await createContractReader(database.db, { today: () => '2026-06-01' }).get(PORTAL, contractId);
    expect(view).toMatchObject({
      number: 'C-000001',
      dealId: 'deal-1',
      companyId: 'company-1',
      quoteId: quoteOf(),
      status: 'active',
      currency: 'USD',
      startDate: '2026-02-01',
      endDate: '2027-01-31',
      totalValue: '11300.00',
      arr: '10800.00',
      renewalGroup: null,
      version: 1,
    });
    expect(
      view?.lines.map((l) => [
        l.kind,
        l.sku,
        l.quantity,
        l.startDate,
        l.endDate,
        l.netUnitPrice,
        l.termMonths,
        l.netTotal,
      ]),
    ).toEqual([
      ['subscription', 'SEAT', '10', '2026-02-01', '2027-01-31', '1080', '12', '10800.00'],
      ['one-time', 'SETUP', '1', '2026-02-01', '2026-02-01', '500', null, '500.00'],
    ]);
    expect(view?.lines[0]?.segments).toEqual([
      expect.objectContaining({
        quantity: '10',
        startDate: '2026-02-01',
        endDate: '2027-01-31',
        netAmount: '10800.00',
        sourceQuoteId: quoteOf(),
      }),
    ]);
    expect(events.published).toEqual([
      { event: 'contract.created', data: { portalId: PORTAL, contractId }, inTransaction: true },
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('portal_id', '=', PORTAL)
      .execute();
    expect(audit).toEqual([{ action: 'contract.created', entity_id: contractId }]);
  });

  test('a duplicate quote.accepted event creates nothing new and publishes nothing', async () => {
    const events = recordingEvents();
    const first = await onQuoteAccepted({ db: database.db, events }, accepted());
    const second = await onQuoteAccepted({ db: database.db, events }, accepted());
    expect(second).toEqual({ outcome: 'exists', contractId: first.outcome === 'created' ? first.contractId : '' });
    expect((await contractRowCounts(database.db, PORTAL)).contracts).toBe(1);
    expect(events.published).toHaveLength(1);
  });

  test(`racing acceptance and closed-won events end in exactly one order and one contract (${process.env.TEST_DATABASE_URL ? 'PostgreSQL, concurrent' : 'PGlite, one connection'})`, async () => {
    await contractSettingsRepository.put(database.db, PORTAL, {
      contractOnClosedWon: true,
      renewalLeadDays: 90,
      renewalTermMonths: 12,
    });
    const events = recordingEvents();
    const deps = { db: database.db, events };
    const results = await Promise.all([
      onQuoteAccepted(deps, accepted()),
      onDealClosedWon(deps, won()),
      onQuoteAccepted(deps, accepted()),
      onDealClosedWon(deps, won()),
      onQuoteAccepted(deps, accepted()),
    ]);
    const created = results.filter((r) => r.outcome === 'created');
    expect(created).toHaveLength(1);
    const ids = new Set(results.map((r) => ('contractId' in r ? r.contractId : '')));
    expect(ids.size).toBe(1);
    expect(await contractRowCounts(database.db, PORTAL)).toMatchObject({
      contract_orders: 1,
      contracts: 1,
      contract_lines: 2,
    });
    expect(events.published).toHaveLength(1);
  });

  test('a crash during creation (the outbox write fails) leaves no order, contract, line, segment or audit row', async () => {
    const events = recordingEvents({ failOn: 'contract.created' });
    await expect(onQuoteAccepted({ db: database.db, events }, accepted())).rejects.toThrow('simulated crash');
    expect(await contractRowCounts(database.db, PORTAL)).toEqual({
      contract_orders: 0,
      contract_order_items: 0,
      contracts: 0,
      contract_lines: 0,
      contract_segments: 0,
    });
    const audit = await database.db.selectFrom('audit_log').select('id').where('portal_id', '=', PORTAL).execute();
    expect(audit).toEqual([]);
    // The retried job then succeeds: nothing half-written was left in its way.
    const retried = await onQuoteAccepted({ db: database.db, events: recordingEvents() }, accepted());
    expect(retried.outcome).toBe('created');
  });

  test('closed-won does not contract unless the portal allows contracting without acceptance', async () => {
    const events = recordingEvents();
    expect(await onDealClosedWon({ db: database.db, events }, won())).toEqual({
      outcome: 'skipped',
      reason: 'setting-off',
    });
    await contractSettingsRepository.put(database.db, PORTAL, {
      contractOnClosedWon: true,
      renewalLeadDays: 90,
      renewalTermMonths: 12,
    });
    const result = await onDealClosedWon({ db: database.db, events }, won());
    expect(result.outcome).toBe('created');
    const order = await database.db
      .selectFrom('contract_orders')
      .select(['trigger', 'order_date'])
      .where('portal_id', '=', PORTAL)
      .execute();
    expect(order).toEqual([{ trigger: 'deal.closed-won', order_date: '2026-02-02' }]);
  });

  test('an event for an unknown quote creates nothing; malformed job data is rejected by its schema', async () => {
    const events = recordingEvents();
    expect(await onQuoteAccepted({ db: database.db, events }, accepted('q-missing'))).toEqual({
      outcome: 'skipped',
      reason: 'quote-not-found',
    });
    await expect(onQuoteAccepted({ db: database.db, events }, { portalId: PORTAL })).rejects.toMatchObject({
      code: 'CONTRACT_EVENT_INVALID',
    });
    expect((await contractRowCounts(database.db, PORTAL)).contracts).toBe(0);
  });

  test('the reader lists a company’s and a deal’s contracts and never another portal’s', async () => {
    const events = recordingEvents();
    await onQuoteAccepted({ db: database.db, events }, accepted());
    const reader = createContractReader(database.db);
    expect((await reader.listForCompany(PORTAL, 'company-1')).map((c) => c.quoteId)).toEqual([quoteOf()]);
    expect((await reader.listForDeal(PORTAL, 'deal-1')).map((c) => c.quoteId)).toEqual([quoteOf()]);
    expect(await reader.listForCompany(99, 'company-1')).toEqual([]);
  });
});
