import { createHubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { catalogRepository } from '../../src/modules/catalog/catalog-repository.ts';
import { syncCatalogFromHubSpot } from '../../src/modules/catalog/hubspot-catalog-sync.ts';
import { termMonthsOf } from '../../src/modules/catalog/domain/hubspot-product-mapping.ts';
import { startSandbox, type Harness } from '../sandbox/sandbox-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let harness: Harness;
let database: TestDatabase;
let portalId: ReturnType<typeof toPortalId>;

function client() {
  const clients = createHubSpotClients({
    basePath: harness.server.url,
    tokens: createStaticTokenProvider(new Map([[harness.sandbox.portalId, harness.sandbox.demoAccessToken]])),
    logger: createLogger({ level: 'silent' }),
    rateLimitPerWindow: 110,
  });
  return clients.forPortal(portalId);
}

/** Through the sandbox's admin route: the products exist "in HubSpot" already (not rate limited). */
async function createProduct(properties: Record<string, string>): Promise<string> {
  const response = await harness.http('POST', '/__sandbox/objects/products', { body: { properties } });
  expect(response.status).toBe(201);
  return (response.body as { id: string }).id;
}

async function stored() {
  return (await catalogRepository.exportAll(database.db, portalId)).products;
}

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database.drop());
beforeEach(async () => {
  harness = await startSandbox();
  portalId = toPortalId(harness.sandbox.portalId);
  await database.db.deleteFrom('catalog_products').where('portal_id', '=', portalId).execute();
});
afterEach(async () => harness.close());

describe('importing the HubSpot product library into the catalog', () => {
  test('imports every product with price, cost and recurring term; a product without hs_sku gets HS-<id>', async () => {
    const noSku = await createProduct({ name: 'Loose cable', price: '9.99' });
    const report = await syncCatalogFromHubSpot({ db: database.db, client: client(), portalId });
    expect(report).toEqual({ read: 7, created: 7, updated: 0, unchanged: 0, skuTaken: [] });
    const products = await stored();
    expect(products.map((p) => p.sku).sort()).toEqual(
      ['CRM-SEAT', 'DOCK', `HS-${noSku}`, 'LAPTOP', 'MONITOR', 'ONBOARD', 'SUPPORT'].sort(),
    );
    expect(products.find((p) => p.sku === 'LAPTOP')).toEqual({
      sku: 'LAPTOP',
      name: 'Laptop Pro 14',
      prices: { USD: '1200' },
      cost: { USD: '800' },
      hubspotProductId: expect.stringMatching(/^[0-9]+$/),
    });
    expect(products.find((p) => p.sku === 'CRM-SEAT')).toMatchObject({ recurring: { defaultTermMonths: '12' } });
    expect(products.find((p) => p.sku === `HS-${noSku}`)).toMatchObject({
      name: 'Loose cable',
      prices: { USD: '9.99' },
    });
  });

  test('a second run changes nothing', async () => {
    await syncCatalogFromHubSpot({ db: database.db, client: client(), portalId });
    const before = await stored();
    const again = await syncCatalogFromHubSpot({ db: database.db, client: client(), portalId });
    expect(again).toEqual({ read: 6, created: 0, updated: 0, unchanged: 6, skuTaken: [] });
    expect(await stored()).toEqual(before);
  });

  test("a re-sync updates HubSpot's fields and never the app's own (pricing method, schedules)", async () => {
    await syncCatalogFromHubSpot({ db: database.db, client: client(), portalId });
    const laptop = (await stored()).find((p) => p.sku === 'LAPTOP');
    if (!laptop) throw new Error('LAPTOP missing');
    await catalogRepository.upsertProducts(database.db, portalId, [
      {
        product: {
          sku: 'LAPTOP',
          name: 'Laptop Pro 14',
          prices: { USD: '1200', EUR: '1100' },
          cost: { USD: '800' },
          pricingMethod: 'cost-plus',
          markup: { percent: '50' },
          discountSchedule: 'VOLUME',
        },
        hubspotProductId: laptop.hubspotProductId ?? null,
      },
    ]);
    const patch = await harness.http('PATCH', `/crm/v3/objects/products/${laptop.hubspotProductId}`, {
      body: { properties: { price: '1250', hs_cost_of_goods_sold: '820', name: 'Laptop Pro 14 (2026)' } },
    });
    expect(patch.status).toBe(200);
    const report = await syncCatalogFromHubSpot({ db: database.db, client: client(), portalId });
    expect(report).toMatchObject({ updated: 1, unchanged: 5, created: 0 });
    expect((await stored()).find((p) => p.sku === 'LAPTOP')).toEqual({
      sku: 'LAPTOP',
      name: 'Laptop Pro 14 (2026)',
      prices: { USD: '1250', EUR: '1100' },
      cost: { USD: '820' },
      pricingMethod: 'cost-plus',
      markup: { percent: '50' },
      discountSchedule: 'VOLUME',
      hubspotProductId: laptop.hubspotProductId,
    });
  });

  test('a run interrupted after its first page resumes on the next run with every product exactly once', async () => {
    for (let n = 0; n < 150; n += 1) await createProduct({ name: `Bulk ${n}`, hs_sku: `BULK-${n}`, price: `${n}.25` });
    await expect(
      syncCatalogFromHubSpot({
        db: database.db,
        client: client(),
        portalId,
        onProgress: () => {
          throw new Error('killed after the first page');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await stored()).toHaveLength(100);
    const resumed = await syncCatalogFromHubSpot({ db: database.db, client: client(), portalId });
    expect(resumed).toEqual({ read: 156, created: 56, updated: 0, unchanged: 100, skuTaken: [] });
    const skus = (await stored()).map((p) => p.sku);
    expect(skus).toHaveLength(156);
    expect(new Set(skus).size).toBe(156);
  }, 60_000);

  test('an entry imported from a file with the same SKU is linked, not duplicated; a SKU owned by another HubSpot product is reported', async () => {
    await catalogRepository.upsertProducts(database.db, portalId, [
      { product: { sku: 'DOCK', name: 'Dock (file)', prices: { EUR: '140' } }, hubspotProductId: null },
      { product: { sku: 'ONBOARD', name: 'Onboarding (other)', prices: { USD: '1' } }, hubspotProductId: '999999' },
    ]);
    const report = await syncCatalogFromHubSpot({ db: database.db, client: client(), portalId });
    expect(report).toMatchObject({ created: 4, updated: 1, skuTaken: ['ONBOARD'] });
    expect((await stored()).find((p) => p.sku === 'DOCK')).toMatchObject({
      name: 'USB-C Dock',
      prices: { EUR: '140', USD: '150' },
      hubspotProductId: expect.stringMatching(/^[0-9]+$/),
    });
  });
});

describe('hs_recurring_billing_period as a term in months', () => {
  test.each([
    ['P12M', '12'],
    ['P1Y', '12'],
    ['P2Y6M', '30'],
    ['p3m', '3'],
    ['P0M', undefined],
    ['P30D', undefined],
    ['monthly', undefined],
    [undefined, undefined],
  ])('%s -> %s', (period, months) => {
    expect(termMonthsOf(period)).toBe(months);
  });
});
