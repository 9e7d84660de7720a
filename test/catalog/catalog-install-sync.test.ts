import { CATALOG_SYNC_QUEUE } from '../../src/modules/catalog/catalog-module.ts';
import { PORTAL_A, startSecurityApp, type SecurityApp } from '../security/security-app.ts';

// The real composition: OAuth install -> `portal.installed` (outbox, in the install transaction)
// -> the catalog's job imports the sandbox portal's HubSpot product library.
let harness: SecurityApp;
beforeAll(async () => {
  harness = await startSecurityApp();
}, 60_000);
afterAll(async () => harness.close());

async function completedSyncs(): Promise<number> {
  return (await harness.app.jobs.counts(CATALOG_SYNC_QUEUE)).completed ?? 0;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not reached');
}

async function catalogSkus(): Promise<string[]> {
  const rows = await harness.database.db
    .selectFrom('catalog_products')
    .select('sku')
    .where('portal_id', '=', PORTAL_A)
    .orderBy('sku')
    .execute();
  return rows.map((row) => row.sku);
}

test('installing the app imports the portal HubSpot product library; a re-install changes nothing', async () => {
  expect((await harness.install(PORTAL_A)).status).toBe(200);
  await waitFor(async () => (await completedSyncs()) >= 1);
  const skus = await catalogSkus();
  expect(skus).toEqual(['CRM-SEAT', 'DOCK', 'LAPTOP', 'MONITOR', 'ONBOARD', 'SUPPORT']);
  const before = await harness.database.db
    .selectFrom('catalog_products')
    .select(['sku', 'updated_at'])
    .where('portal_id', '=', PORTAL_A)
    .orderBy('sku')
    .execute();

  expect((await harness.install(PORTAL_A)).status).toBe(200);
  await waitFor(async () => (await completedSyncs()) >= 2);
  const after = await harness.database.db
    .selectFrom('catalog_products')
    .select(['sku', 'updated_at'])
    .where('portal_id', '=', PORTAL_A)
    .orderBy('sku')
    .execute();
  expect(after).toEqual(before);
}, 120_000);
