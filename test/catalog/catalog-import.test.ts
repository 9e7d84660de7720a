import { sql } from 'kysely';
import { importCatalog } from '../../src/modules/catalog/catalog-import.ts';
import { parseCatalogFile } from '../../src/modules/catalog/catalog-file-parser.ts';
import { catalogRepository } from '../../src/modules/catalog/catalog-repository.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

const PORTAL = toPortalId(101);
const OTHER = toPortalId(202);

const JSON_FILE = `{
  "discountSchedules": [
    { "id": "VOL", "type": "range", "tiers": [{ "lowerBound": "1", "upperBound": "10", "value": "0" }, { "lowerBound": "10", "value": "10" }] }
  ],
  "products": [
    { "sku": "A", "name": "Alpha", "prices": { "USD": "100" }, "discountSchedule": "VOL" },
    {
      "sku": "B", "name": "Beta", "prices": { "USD": "ten" }
    },
    { "sku": "C", "name": "Gamma", "prices": { "USD": "5" }, "discountSchedule": "NOPE" },
    { "sku": "D", "name": "Delta", "prices": { "USD": "7" }, "hubspotProductId": "555" }
  ]
}`;

async function productCount(database: TestDatabase, portalId: number): Promise<number> {
  const row = await database.db
    .selectFrom('catalog_products')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('portal_id', '=', portalId)
    .executeTakeFirstOrThrow();
  return row.n;
}

describe(`catalog import on ${DATABASE_LABEL}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  test('every bad row is reported with its line number and field, and nothing is written', async () => {
    const error = await importCatalog(database.db, PORTAL, parseCatalogFile(JSON_FILE, 'json'), {
      partial: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CATALOG_IMPORT_INVALID');
    expect((error as AppError).issues).toEqual([
      { path: 'products.1.prices.USD', message: expect.stringMatching(/^line 7: must be an exact decimal string/) },
      { path: 'products.2.discountSchedule', message: 'line 10: no discount schedule with id "NOPE"' },
    ]);
    expect(await productCount(database, PORTAL)).toBe(0);
  });

  test('--partial writes the good rows and the schedules, and reports the rejected ones', async () => {
    const result = await importCatalog(database.db, PORTAL, parseCatalogFile(JSON_FILE, 'json'), { partial: true });
    expect(result).toMatchObject({ products: 2, discountSchedules: 1, rejected: 2 });
    const exported = await catalogRepository.exportAll(database.db, PORTAL);
    expect(exported.products).toEqual([
      { sku: 'A', name: 'Alpha', prices: { USD: '100' }, discountSchedule: 'VOL' },
      { sku: 'D', name: 'Delta', prices: { USD: '7' }, hubspotProductId: '555' },
    ]);
    expect(exported.discountSchedules.map((s) => s.id)).toEqual(['VOL']);
    expect(await productCount(database, OTHER)).toBe(0);
  });

  test('CSV rows map to catalog products; a bad cell names the line and the field', async () => {
    const csv = [
      'sku,name,category,price_USD,price_EUR,recurring_term_months,discount_schedule',
      'S1,"Support, premium",services,1200,1100,12,VOL',
      'S2,Setup,services,abc,,,',
    ].join('\n');
    const error = await importCatalog(database.db, OTHER, parseCatalogFile(csv, 'csv'), { partial: false }).catch(
      (e: unknown) => e,
    );
    // VOL is stored for PORTAL only: OTHER's rows cannot use it.
    expect((error as AppError).issues).toEqual([
      { path: 'products.0.discountSchedule', message: 'line 2: no discount schedule with id "VOL"' },
      { path: 'products.1.prices.USD', message: expect.stringMatching(/^line 3: /) },
    ]);
    const partial = await importCatalog(database.db, OTHER, parseCatalogFile(csv.replace(',VOL', ','), 'csv'), {
      partial: true,
    });
    expect(partial.products).toBe(1);
    const [s1] = await catalogRepository.productsBySku(database.db, OTHER, ['S1']);
    expect(s1?.product).toEqual({
      sku: 'S1',
      name: 'Support, premium',
      category: 'services',
      prices: { USD: '1200', EUR: '1100' },
      recurring: { defaultTermMonths: '12' },
    });
  });

  test('an unknown CSV column rejects the whole file before any row is read', () => {
    expect(() => parseCatalogFile('sku,colour\nA,red\n', 'csv')).toThrow(
      expect.objectContaining({ issues: [{ path: 'line 1.colour', message: 'unknown column' }] }),
    );
  });

  test('a re-import updates products by sku instead of duplicating them', async () => {
    await importCatalog(
      database.db,
      PORTAL,
      parseCatalogFile('[{"sku":"A","name":"Alpha 2","prices":{"USD":"120"}}]', 'json'),
      { partial: false },
    );
    const [a] = await catalogRepository.productsBySku(database.db, PORTAL, ['A']);
    expect(a?.product).toEqual({ sku: 'A', name: 'Alpha 2', prices: { USD: '120' } });
    expect(await productCount(database, PORTAL)).toBe(2);
  });
});
