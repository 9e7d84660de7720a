import { toPortalId, type PortalId } from '../../src/kernel/db/portal-id.ts';
import { catalogRepository } from '../../src/modules/catalog/catalog-repository.ts';
import { acceptAmendment, startAmendment } from '../../src/modules/contracts/contract-amendments.ts';
import { onQuoteAccepted } from '../../src/modules/contracts/contract-event-handlers.ts';
import { createContractReader } from '../../src/modules/contracts/index.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { insertQuote, recordingEvents } from './contract-records-fixtures.ts';

let nextPortal = 71000;
let PORTAL: PortalId = toPortalId(nextPortal);

describe('amendments as records', () => {
  let database: TestDatabase;
  let contractId: string;
  let seatLineId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());
  beforeEach(async () => {
    nextPortal += 1;
    PORTAL = toPortalId(nextPortal);
    await insertQuote(database.db, { portalId: PORTAL, id: `q-${PORTAL}` });
    await catalogRepository.upsertProducts(database.db, PORTAL, [
      {
        product: { sku: 'ADDON', name: 'Add-on', prices: { USD: '120' }, recurring: { defaultTermMonths: '12' } },
        hubspotProductId: null,
      },
    ]);
    const created = await onQuoteAccepted(
      { db: database.db, events: recordingEvents() },
      { portalId: PORTAL, quoteId: `q-${PORTAL}`, dealId: 'deal-1', acceptedAt: '2026-01-01T12:00:00Z' },
    );
    contractId = created.outcome === 'created' ? created.contractId : '';
    const view = await createContractReader(database.db).get(PORTAL, contractId);
    seatLineId = view?.lines.find((l) => l.sku === 'SEAT')?.id ?? '';
  });

  test('starting an amendment prices it with cpq amend: +5 seats from July 1 co-terminate at the contract end', async () => {
    const amendment = await startAmendment(database.db, PORTAL, contractId, {
      startDate: '2026-07-01',
      quantities: { [seatLineId]: '15' },
      lines: [{ sku: 'ADDON', quantity: '2' }],
    });
    // Contract 2026-01-01..2026-12-31 at 1,080 a seat: 5 x 1080 x 6/12 = 2700; add-on 2 x 120 x 6/12 = 120.
    expect(amendment.pricing.lines.map((l) => [l.sku, l.quantity, l.netTotal])).toEqual([
      ['SEAT', '5', '2700.00'],
      ['ADDON', '2', '120.00'],
    ]);
    const rows = await database.db
      .selectFrom('contract_amendments')
      .select(['status', 'start_date'])
      .where('portal_id', '=', PORTAL)
      .execute();
    expect(rows).toEqual([{ status: 'open', start_date: '2026-07-01' }]);
  });

  test('accepting appends segments (history kept, nothing overwritten), adds the new line and publishes contract.amended once', async () => {
    const amendment = await startAmendment(database.db, PORTAL, contractId, {
      startDate: '2026-07-01',
      quantities: { [seatLineId]: '15' },
      lines: [{ sku: 'ADDON', quantity: '2' }],
    });
    const events = recordingEvents();
    expect(await acceptAmendment(database.db, events, PORTAL, amendment.id)).toEqual({
      outcome: 'accepted',
      contractId,
    });
    expect(await acceptAmendment(database.db, events, PORTAL, amendment.id)).toEqual({
      outcome: 'already-accepted',
      contractId,
    });
    expect(events.published).toEqual([
      {
        event: 'contract.amended',
        data: { portalId: PORTAL, contractId, amendmentQuoteId: amendment.id },
        inTransaction: true,
      },
    ]);
    const before = await createContractReader(database.db, { today: () => '2026-03-01' }).get(PORTAL, contractId);
    const after = await createContractReader(database.db, { today: () => '2026-08-01' }).get(PORTAL, contractId);
    expect(before?.lines.find((l) => l.sku === 'SEAT')?.quantity).toBe('10');
    const seat = after?.lines.find((l) => l.sku === 'SEAT');
    expect(seat?.quantity).toBe('15');
    expect(seat?.segments.map((s) => [s.quantity, s.startDate, s.endDate, s.netAmount])).toEqual([
      ['10', '2026-01-01', '2026-12-31', '10800.00'],
      ['5', '2026-07-01', '2026-12-31', '2700.00'],
    ]);
    expect(after?.lines.find((l) => l.sku === 'ADDON')).toMatchObject({
      quantity: '2',
      startDate: '2026-07-01',
      endDate: '2026-12-31',
      netTotal: '120.00',
    });
    expect(after).toMatchObject({ version: 2, totalValue: '14120.00' });
  });

  test('cancellation is an amendment to quantity 0: a negative segment from the cancellation date', async () => {
    const amendment = await startAmendment(database.db, PORTAL, contractId, {
      startDate: '2026-10-01',
      quantities: { [seatLineId]: '0' },
    });
    await acceptAmendment(database.db, recordingEvents(), PORTAL, amendment.id);
    const view = await createContractReader(database.db, { today: () => '2026-11-01' }).get(PORTAL, contractId);
    const seat = view?.lines.find((l) => l.sku === 'SEAT');
    expect(seat?.quantity).toBe('0');
    expect(seat?.segments.map((s) => [s.quantity, s.netAmount])).toEqual([
      ['10', '10800.00'],
      ['-10', '-2700.00'],
    ]);
  });

  test('an amendment before the contract start is refused naming the field; an unknown contract is not found', async () => {
    const error = await startAmendment(database.db, PORTAL, contractId, { startDate: '2025-12-01' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'validation', issues: [{ path: 'amendment.startDate' }] });
    await expect(startAmendment(database.db, PORTAL, 'nope', { startDate: '2026-02-01' })).rejects.toMatchObject({
      kind: 'not-found',
    });
    const count = await database.db
      .selectFrom('contract_amendments')
      .select('id')
      .where('portal_id', '=', PORTAL)
      .execute();
    expect(count).toEqual([]);
  });
});
