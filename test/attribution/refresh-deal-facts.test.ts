import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { refreshDealFacts, type DealAmountsPort } from '../../src/modules/attribution/index.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

const portal = toPortalId(5151);

function fakeAmounts(amounts: {
  quoted: string;
  contracted: string;
  invoiced: string;
  collected: string;
}): DealAmountsPort & { reads: number } {
  const port = {
    reads: 0,
    async factsFor(_portalId: number, dealId: string) {
      port.reads += 1;
      return dealId === 'missing'
        ? null
        : {
            currency: 'USD',
            ...amounts,
            dealCreatedAt: '2026-01-10T00:00:00.000Z',
            closedWonAt: '2026-02-01T00:00:00.000Z',
          };
    },
    async dealOfContract(_portalId: number, contractId: string) {
      return contractId === 'c-1' ? 'd-1' : null;
    },
  };
  return port;
}

describe(`deal facts refresh job on ${DATABASE_LABEL}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  const row = () =>
    database.db
      .selectFrom('attribution_deals')
      .select(['deal_id', 'quoted', 'contracted', 'invoiced', 'collected'])
      .where('portal_id', '=', portal)
      .execute();

  test('a contract event resolves its deal and stores the amounts; re-running the job changes nothing', async () => {
    const port = fakeAmounts({ quoted: '1000.00', contracted: '1000.00', invoiced: '500.00', collected: '0.00' });
    expect(await refreshDealFacts(database.db, port, { portalId: portal, contractId: 'c-1' })).toBe('refreshed');
    const first = await row();
    expect(await refreshDealFacts(database.db, port, { portalId: portal, contractId: 'c-1' })).toBe('refreshed');
    expect(await row()).toEqual(first);
    expect(first).toEqual([
      { deal_id: 'd-1', quoted: '1000.00', contracted: '1000.00', invoiced: '500.00', collected: '0.00' },
    ]);
  });

  test('a later payment overwrites the amounts with the new absolute values (no double counting on retries)', async () => {
    const port = fakeAmounts({ quoted: '1000.00', contracted: '1000.00', invoiced: '500.00', collected: '500.00' });
    await refreshDealFacts(database.db, port, { portalId: portal, dealId: 'd-1' });
    await refreshDealFacts(database.db, port, { portalId: portal, dealId: 'd-1' });
    expect((await row())[0]?.collected).toBe('500.00');
  });

  test('an unknown deal or contract writes nothing; a malformed job is a typed error', async () => {
    const port = fakeAmounts({ quoted: '1', contracted: '1', invoiced: '1', collected: '1' });
    expect(await refreshDealFacts(database.db, port, { portalId: portal, contractId: 'nope' })).toBe('unknown-deal');
    expect(await refreshDealFacts(database.db, port, { portalId: portal, dealId: 'missing' })).toBe('unknown-deal');
    await expect(refreshDealFacts(database.db, port, { portalId: 'x' })).rejects.toMatchObject({
      code: 'ATTRIBUTION_STORED_DATA_INVALID',
    });
    expect(await row()).toHaveLength(1);
  });
});
