import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../src/kernel/db/db-schema.ts';
import { createDealStages } from '../src/integrations/hubspot/webhooks/deal-stages.ts';
import { createDivergenceStore } from '../src/modules/quotes/divergences/divergence-store.ts';
import type { CatalogPort, WebhookPorts } from '../src/integrations/hubspot/webhooks/webhook-ports.ts';

/**
 * A bench-only catalog in the database (not part of the app's schema): its writes commit with
 * the inbox status in the processing transaction, so "exactly-once effects" survive a killed
 * worker process and the final state can be compared between runs.
 */
export async function createBenchCatalogTable(db: Kysely<DatabaseSchema>): Promise<void> {
  await sql`create table if not exists bench_catalog (portal_id bigint not null, product_id text not null, name text, sku text, price text, primary key (portal_id, product_id))`.execute(
    db,
  );
}

function benchCatalog(trx: Kysely<DatabaseSchema>): CatalogPort {
  return {
    async upsertFromHubSpotProduct(portalId, productId, fields) {
      const { rows } = await sql<{ created: boolean }>`
        insert into bench_catalog (portal_id, product_id, name, sku, price)
        values (${portalId}, ${productId}, ${fields.name ?? null}, ${fields.sku ?? null}, ${fields.price ?? null})
        on conflict (portal_id, product_id) do update set
          name = coalesce(excluded.name, bench_catalog.name),
          sku = coalesce(excluded.sku, bench_catalog.sku),
          price = coalesce(excluded.price, bench_catalog.price)
        returning (xmax = 0) as created`.execute(trx);
      return rows[0]?.created ? 'created' : 'updated';
    },
    // Never reached: the bench catalog's upsert creates unknown products itself (never `not-linked`).
    async createFromHubSpotProduct() {
      return 'created';
    },
    async removeByHubSpotId(portalId, productId) {
      const { rows } =
        await sql`delete from bench_catalog where portal_id = ${portalId} and product_id = ${productId} returning 1`.execute(
          trx,
        );
      return rows.length > 0;
    },
  };
}

export function benchPorts(trx: Kysely<DatabaseSchema>): WebhookPorts {
  return { dealStages: createDealStages(), divergences: createDivergenceStore(trx), catalog: benchCatalog(trx) };
}

export async function catalogSnapshot(db: Kysely<DatabaseSchema>): Promise<string[]> {
  const { rows } = await sql<{
    product_id: string;
    name: string | null;
    price: string | null;
  }>`select product_id, name, price from bench_catalog order by product_id`.execute(db);
  return rows.map((r) => `${r.product_id}|${r.name ?? ''}|${r.price ?? ''}`);
}
