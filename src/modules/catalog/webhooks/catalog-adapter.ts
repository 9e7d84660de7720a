import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { CatalogPort } from '../../../integrations/hubspot/index.ts';

/**
 * CatalogPort over the catalog store's `catalog_products` (a row is the pricing engine's product
 * plus `hubspot_product_id`), inside the processing transaction. Only entries already linked to
 * the HubSpot product follow it: a catalog entry needs a SKU and per-currency prices, and a bare
 * HubSpot `price` is in the portal's company currency, which the app does not know yet — so a
 * HubSpot product that is not in the catalog is reported `not-linked` instead of guessed.
 * `price` updates the entry's price when it has exactly one currency (else `ambiguous-price`);
 * `prices` (from `hs_price_<currency>`) sets those currencies' prices. New entries from HubSpot
 * products are created by createFromHubSpotProduct once the handler knows the company currency.
 */
export function createCatalogAdapter(trx: Kysely<DatabaseSchema>): CatalogPort {
  return {
    async upsertFromHubSpotProduct(portalId, hubspotProductId, fields) {
      const row = await trx
        .selectFrom('catalog_products')
        .select(['sku', 'name', 'product'])
        .where('portal_id', '=', portalId)
        .where('hubspot_product_id', '=', hubspotProductId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return 'not-linked';
      const product = { ...(row.product as Record<string, unknown>) };
      const prices = { ...((product.prices as Record<string, string> | undefined) ?? {}) };
      if (fields.price !== undefined) {
        const currencies = Object.keys(prices);
        if (currencies.length !== 1) return 'ambiguous-price';
        prices[currencies[0] as string] = fields.price;
        product.prices = prices;
      }
      if (fields.prices !== undefined) {
        // hs_price_<currency>: that currency's price, whatever other currencies the entry has.
        product.prices = { ...((product.prices as Record<string, string> | undefined) ?? {}), ...fields.prices };
      }
      if (fields.name !== undefined) product.name = fields.name;
      if (fields.sku !== undefined) product.sku = fields.sku;
      const next = JSON.stringify(product);
      if (next === JSON.stringify(row.product)) return 'unchanged';
      await trx
        .updateTable('catalog_products')
        .set({ sku: String(product.sku), name: String(product.name), product: next, updated_at: sql`now()` })
        .where('portal_id', '=', portalId)
        .where('sku', '=', row.sku)
        .execute();
      return 'updated';
    },
    async createFromHubSpotProduct(portalId, hubspotProductId, entry) {
      const product = { sku: entry.sku, name: entry.name, prices: entry.prices };
      const inserted = await trx
        .insertInto('catalog_products')
        .values({
          portal_id: portalId,
          sku: entry.sku,
          name: entry.name,
          category: null,
          hubspot_product_id: hubspotProductId,
          product: JSON.stringify(product),
        })
        .onConflict((oc) => oc.columns(['portal_id', 'sku']).doNothing())
        .returning('sku')
        .execute();
      return inserted.length > 0 ? 'created' : 'sku-taken';
    },
    async removeByHubSpotId(portalId, hubspotProductId) {
      const removed = await trx
        .deleteFrom('catalog_products')
        .where('portal_id', '=', portalId)
        .where('hubspot_product_id', '=', hubspotProductId)
        .returning('sku')
        .execute();
      return removed.length > 0;
    },
  };
}
