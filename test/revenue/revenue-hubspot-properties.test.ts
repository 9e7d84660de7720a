import nock from 'nock';
import { createHubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { scheduleContractRevenue } from '../../src/modules/revenue/contract-revenue-scheduler.ts';
import { pushRevenueProperties, revenuePropertyTargets } from '../../src/modules/revenue/revenue-hubspot-properties.ts';
import { useNockInThisFile } from '../support/nock-lifecycle.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { bundleContract, fakeContractReader, PORTAL } from './contract-fixtures.ts';

const BASE = 'https://api.hubspot.test';
useNockInThisFile();

describe('deal and company revenue properties in HubSpot', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await scheduleContractRevenue(
      {
        db: database.db,
        contracts: fakeContractReader(new Map([['c1', bundleContract()]])),
        categories: async () => new Map(),
        now: () => Date.parse('2026-01-02T00:00:00Z'),
      },
      { portalId: PORTAL, contractId: 'c1' },
    );
  });
  afterAll(async () => database.drop());

  const hubspot = () =>
    createHubSpotClients({
      basePath: BASE,
      tokens: createStaticTokenProvider(new Map([[PORTAL, 'token']])),
      logger: createLogger({ level: 'silent' }),
      rateLimitPerWindow: 1000,
      retry: { maxRetries: 0 },
    });

  test('cpq_revenue_recognized_to_date and cpq_deferred_revenue are written by batch update (properties created first, 409 = exists)', async () => {
    const updates: Array<{ objectType: string; body: unknown }> = [];
    for (const objectType of ['deals', 'companies']) {
      nock(BASE).post(`/crm/v3/properties/${objectType}/groups`).reply(409, { status: 'error', category: 'CONFLICT' });
      nock(BASE).post(`/crm/v3/properties/${objectType}`).times(2).reply(201, {});
      nock(BASE)
        .post(`/crm/v3/objects/${objectType}/batch/update`)
        .reply(200, async (request: Request) => {
          const body = (await request.json()) as unknown;
          updates.push({ objectType, body });
          const inputs = (body as { inputs: Array<{ id: string; properties: Record<string, string> }> }).inputs;
          return { status: 'COMPLETE', results: inputs };
        });
    }
    const targets = await revenuePropertyTargets(database.db, PORTAL);
    expect(targets).toEqual({ dealIds: ['9001'], companyIds: ['7001'] });
    expect(await pushRevenueProperties({ db: database.db, hubspot: hubspot() }, PORTAL, targets, '2026-03-15')).toEqual(
      {
        deals: 1,
        companies: 1,
      },
    );
    const values = { cpq_revenue_recognized_to_date: '666.05', cpq_deferred_revenue: '793.95' };
    expect(updates).toEqual([
      { objectType: 'deals', body: { inputs: [{ id: '9001', properties: values }] } },
      { objectType: 'companies', body: { inputs: [{ id: '7001', properties: values }] } },
    ]);
    expect(nock.isDone()).toBe(true);
  });

  test('a deal without scheduled contracts makes no HubSpot call at all', async () => {
    expect(
      await pushRevenueProperties(
        { db: database.db, hubspot: hubspot() },
        PORTAL,
        { dealIds: ['1'], companyIds: [] },
        '2026-03-15',
      ),
    ).toEqual({ deals: 0, companies: 0 });
  });
});
