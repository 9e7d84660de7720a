import { sql } from 'kysely';
import { catalogRepository } from '../../src/modules/catalog/catalog-repository.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

const PORTAL = toPortalId(303);

describe(`catalog rows read back from ${DATABASE_LABEL} are parsed, not cast`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  test('a corrupted product document is the typed error CATALOG_ROW_CORRUPT, not a wrong product', async () => {
    await sql`insert into catalog_products (portal_id, sku, name, product)
      values (${PORTAL}, 'BAD', 'Bad', ${JSON.stringify({ sku: 'BAD', name: 'Bad', prices: { USD: 'ten' } })}::jsonb)`.execute(
      database.db,
    );
    await expect(catalogRepository.search(database.db, PORTAL, '', 10, 0)).rejects.toMatchObject({
      kind: 'internal',
      code: 'CATALOG_ROW_CORRUPT',
    });
    await expect(catalogRepository.exportAll(database.db, PORTAL)).rejects.toMatchObject({
      code: 'CATALOG_ROW_CORRUPT',
    });
  });
});
