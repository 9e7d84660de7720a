import { toPortalId, type PortalId } from '../../src/kernel/db/portal-id.ts';
import { onQuoteAccepted } from '../../src/modules/contracts/contract-event-handlers.ts';
import { runRenewalScan } from '../../src/modules/contracts/contract-renewal-job.ts';
import { contractSettingsRepository } from '../../src/modules/contracts/contract-settings-repository.ts';
import { accountPricingRepository } from '../../src/modules/quotes/account-pricing-repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { insertQuote, recordingEvents } from './contract-records-fixtures.ts';

let nextPortal = 72000;
let PORTAL: PortalId = toPortalId(nextPortal);

async function renewals(database: TestDatabase) {
  return database.db
    .selectFrom('contract_renewals')
    .select(['group_key', 'start_date', 'end_date', 'contract_ids', 'priced'])
    .where('portal_id', '=', PORTAL)
    .orderBy('start_date')
    .execute();
}

describe('daily renewal job', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  async function contractOn(acceptedAt: string, quoteSuffix: string): Promise<string> {
    const quoteId = `q-${PORTAL}-${quoteSuffix}`;
    await insertQuote(database.db, { portalId: PORTAL, id: quoteId, dealId: `d-${quoteSuffix}` });
    const created = await onQuoteAccepted(
      { db: database.db, events: recordingEvents() },
      { portalId: PORTAL, quoteId, dealId: `d-${quoteSuffix}`, acceptedAt },
    );
    return created.outcome === 'created' ? created.contractId : '';
  }

  beforeEach(async () => {
    nextPortal += 1;
    PORTAL = toPortalId(nextPortal);
    await database.db
      .insertInto('portals')
      .values({ portal_id: PORTAL, status: 'installed', hub_domain: null, scopes: '' })
      .execute();
  });

  test('a renewal is created 90 days before the end (default), priced with the account uplift; a re-run creates nothing', async () => {
    await accountPricingRepository.put(database.db, PORTAL, 'company-1', {
      contractedPrices: [],
      partnerDiscountPercent: null,
      distributorDiscountPercent: null,
      renewalPricingMethod: 'uplift',
      upliftPercent: '5',
    });
    const contractId = await contractOn('2026-01-01T10:00:00Z', 'a'); // ends 2026-12-31
    expect(await runRenewalScan(database.db, '2026-10-01')).toMatchObject({ created: 0 }); // 91 days before
    expect(await renewals(database)).toEqual([]);
    const first = await runRenewalScan(database.db, '2026-10-02'); // 90 days before
    expect(first.created).toBeGreaterThanOrEqual(1);
    const rows = await renewals(database);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      group_key: `contract:${contractId}`,
      start_date: '2027-01-01',
      end_date: '2027-12-31',
      contract_ids: [contractId],
    });
    const pricing = rows[0]?.priced as { lines: { customerUnitPrice: string; netTotal: string }[] };
    // 1,080 x 1.05 = 1,134 per seat, 10 seats
    expect(pricing.lines[0]).toMatchObject({ customerUnitPrice: '1134', netTotal: '11340.00' });
    const again = await runRenewalScan(database.db, '2026-10-03');
    expect(again.created).toBe(0);
    expect(await renewals(database)).toHaveLength(1);
  });

  test('the lead time is a portal setting', async () => {
    await contractSettingsRepository.put(database.db, PORTAL, {
      contractOnClosedWon: false,
      renewalLeadDays: 30,
      renewalTermMonths: 12,
    });
    await contractOn('2026-01-01T10:00:00Z', 'b');
    await runRenewalScan(database.db, '2026-11-30');
    expect(await renewals(database)).toEqual([]);
    await runRenewalScan(database.db, '2026-12-01');
    expect(await renewals(database)).toHaveLength(1);
  });

  test('contracts in one renewal group co-terminate into one renewal from the earliest end', async () => {
    const early = await contractOn('2026-01-01T10:00:00Z', 'c'); // ends 2026-12-31
    const late = await contractOn('2026-04-01T10:00:00Z', 'd'); // ends 2027-03-31
    await database.db
      .updateTable('contracts')
      .set({ renewal_group: 'ACME' })
      .where('portal_id', '=', PORTAL)
      .where('id', 'in', [early, late])
      .execute();
    await runRenewalScan(database.db, '2026-10-15');
    await runRenewalScan(database.db, '2026-10-16');
    const rows = await renewals(database);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ group_key: 'group:ACME', start_date: '2027-01-01', end_date: '2027-12-31' });
    expect([...(rows[0]?.contract_ids ?? [])].sort()).toEqual([early, late].sort());
    const pricing = rows[0]?.priced as { lines: { prorateMultiplier: string; netTotal: string }[] };
    // The later contract's seats renew from 2027-04-01: 9 of 12 months.
    expect(pricing.lines.map((l) => l.prorateMultiplier).sort()).toEqual(['0.75', '1']);
  });
});
