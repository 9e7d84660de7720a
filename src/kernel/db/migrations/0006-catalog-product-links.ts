import { sql, type Kysely } from 'kysely';

/**
 * Product webhooks find catalog entries by their HubSpot product id (webhooks/catalog-adapter.ts);
 * on a 50,000-product catalog that lookup must not scan the portal's whole catalog.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index catalog_products_hubspot_idx on catalog_products (portal_id, hubspot_product_id) where hubspot_product_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists catalog_products_hubspot_idx`.execute(db);
}
