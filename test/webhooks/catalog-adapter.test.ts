import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { createCatalogAdapter } from '../../src/modules/catalog/webhooks/catalog-adapter.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

const PORTAL = 3400 as PortalId;

describe(`CatalogPort over catalog_products on ${DATABASE_LABEL}`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  beforeEach(async () => {
    await database.db.deleteFrom('catalog_products').where('portal_id', '=', PORTAL).execute();
    await database.db
      .insertInto('catalog_products')
      .values([
        {
          portal_id: PORTAL,
          sku: 'LAPTOP',
          name: 'Laptop',
          category: 'hardware',
          hubspot_product_id: '42',
          product: JSON.stringify({ sku: 'LAPTOP', name: 'Laptop', category: 'hardware', prices: { USD: '100' } }),
        },
        {
          portal_id: PORTAL,
          sku: 'DOCK',
          name: 'Dock',
          category: null,
          hubspot_product_id: '43',
          product: JSON.stringify({ sku: 'DOCK', name: 'Dock', prices: { USD: '50', EUR: '45' } }),
        },
      ])
      .execute();
  });

  async function entry(hubspotId: string) {
    return database.db
      .selectFrom('catalog_products')
      .select(['sku', 'name', 'product'])
      .where('portal_id', '=', PORTAL)
      .where('hubspot_product_id', '=', hubspotId)
      .executeTakeFirst();
  }

  test('price, sku and name changes in HubSpot update the linked catalog entry (columns and pricing product)', async () => {
    const catalog = createCatalogAdapter(database.db);
    expect(await catalog.upsertFromHubSpotProduct(PORTAL, '42', { price: '234.56' })).toBe('updated');
    expect(await catalog.upsertFromHubSpotProduct(PORTAL, '42', { sku: 'LAPTOP-2' })).toBe('updated');
    expect(await catalog.upsertFromHubSpotProduct(PORTAL, '42', { name: 'Laptop Pro' })).toBe('updated');
    expect(await catalog.upsertFromHubSpotProduct(PORTAL, '42', { name: 'Laptop Pro' })).toBe('unchanged');
    expect(await entry('42')).toEqual({
      sku: 'LAPTOP-2',
      name: 'Laptop Pro',
      product: { sku: 'LAPTOP-2', name: 'Laptop Pro', category: 'hardware', prices: { USD: '234.56' } },
    });
  });

  test('a bare price on a multi-currency entry is ambiguous and changes nothing; an unlinked product is not-linked', async () => {
    const catalog = createCatalogAdapter(database.db);
    expect(await catalog.upsertFromHubSpotProduct(PORTAL, '43', { price: '60' })).toBe('ambiguous-price');
    expect((await entry('43'))?.product).toEqual({ sku: 'DOCK', name: 'Dock', prices: { USD: '50', EUR: '45' } });
    expect(await catalog.upsertFromHubSpotProduct(PORTAL, '999', { name: 'New' })).toBe('not-linked');
  });

  test('hs_price_<currency> sets that currency price, keeping the others', async () => {
    const catalog = createCatalogAdapter(database.db);
    expect(await catalog.upsertFromHubSpotProduct(PORTAL, '43', { prices: { EUR: '47.10' } })).toBe('updated');
    expect((await entry('43'))?.product).toEqual({ sku: 'DOCK', name: 'Dock', prices: { USD: '50', EUR: '47.10' } });
  });

  test('a HubSpot product new to the catalog becomes an entry linked to it; a SKU already taken changes nothing', async () => {
    const catalog = createCatalogAdapter(database.db);
    expect(
      await catalog.createFromHubSpotProduct(PORTAL, '44', { sku: 'CABLE', name: 'Cable', prices: { USD: '5.00' } }),
    ).toBe('created');
    expect(await entry('44')).toEqual({
      sku: 'CABLE',
      name: 'Cable',
      product: { sku: 'CABLE', name: 'Cable', prices: { USD: '5.00' } },
    });
    expect(await catalog.upsertFromHubSpotProduct(PORTAL, '44', { price: '6' })).toBe('updated');
    expect(await catalog.createFromHubSpotProduct(PORTAL, '45', { sku: 'LAPTOP', name: 'Other', prices: {} })).toBe(
      'sku-taken',
    );
    expect(await entry('45')).toBeUndefined();
    expect((await entry('42'))?.name).toBe('Laptop');
  });

  test('a product deleted in HubSpot removes its catalog entry', async () => {
    const catalog = createCatalogAdapter(database.db);
    expect(await catalog.removeByHubSpotId(PORTAL, '42')).toBe(true);
    expect(await entry('42')).toBeUndefined();
    expect(await catalog.removeByHubSpotId(PORTAL, '42')).toBe(false);
    expect(await entry('43')).toBeDefined();
  });
});
