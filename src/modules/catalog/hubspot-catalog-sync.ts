import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { HubSpotPortalClient } from '../../integrations/hubspot/index.ts';
import { ProductEntrySchema, type CatalogProduct } from './catalog-entry-schema.ts';
import { hubspotOwnedFields, mergeHubSpotProduct, type HubSpotOwnedFields } from './domain/hubspot-product-mapping.ts';

/** CRM v3 list pages hold at most 100 records ("CRM API | Products", HubSpot developer docs). */
const PAGE_SIZE = 100;
const BASE_PROPERTIES = ['name', 'hs_sku', 'price', 'hs_cost_of_goods_sold', 'hs_recurring_billing_period'];

const ProductPageSchema = z.object({
  results: z.array(
    z.object({
      id: z.string().regex(/^[0-9]{1,20}$/),
      properties: z.record(z.string(), z.string().nullable().optional()),
    }),
  ),
  paging: z.object({ next: z.object({ after: z.string().min(1) }).optional() }).optional(),
});
const PropertyListSchema = z.object({ results: z.array(z.object({ name: z.string() })) });
const AccountSchema = z.object({ companyCurrency: z.string().regex(/^[A-Z]{3}$/) });
const SearchTotalSchema = z.object({ total: z.number().int().min(0) });

export interface CatalogSyncReport {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Products whose SKU already belongs to an entry linked to another HubSpot product. */
  skuTaken: string[];
}

export interface CatalogSyncOptions {
  db: Kysely<DatabaseSchema>;
  client: HubSpotPortalClient;
  portalId: PortalId;
  /** After each page: products read so far and the library's size when HubSpot told it. */
  onProgress?: (read: number, total: number | undefined) => void;
}

async function get<T>(client: HubSpotPortalClient, operation: string, path: string, schema: z.ZodType<T>): Promise<T> {
  const response = await client.request({ operation, method: 'GET', path });
  return schema.parse(response.body);
}

/** hs_price_<currency> properties the portal has (one per currency enabled in its account). */
async function currencyPriceProperties(client: HubSpotPortalClient): Promise<string[]> {
  const list = await get(client, 'properties.products.list', '/crm/v3/properties/products', PropertyListSchema);
  return list.results.map((p) => p.name).filter((name) => /^hs_price_[a-z]{3}$/i.test(name));
}

async function libraryTotal(client: HubSpotPortalClient): Promise<number | undefined> {
  try {
    const response = await client.request({
      operation: 'products.search.total',
      method: 'POST',
      path: '/crm/v3/objects/products/search',
      body: { limit: 1, properties: ['hs_object_id'] },
      lane: 'search',
    });
    return SearchTotalSchema.parse(response.body).total;
  } catch {
    // Only the progress bar needs it.
    return undefined;
  }
}

interface StoredRow {
  sku: string;
  hubspotProductId: string | null;
  product: CatalogProduct;
}

/**
 * Imports a portal's whole HubSpot product library into its catalog: pages of 100 read through the
 * portal's client (its limiter keeps us at the rate-limit bound), each page then written in its own
 * transaction (never a HubSpot call inside one). An entry is found by its HubSpot id, else by SKU
 * (a file-imported entry gets linked); only HubSpot-owned fields change, and only changed rows are
 * written, so a re-run writes nothing and a run interrupted half-way resumes where it stopped.
 */
export async function syncCatalogFromHubSpot(options: CatalogSyncOptions): Promise<CatalogSyncReport> {
  const { client, db, portalId } = options;
  const account = await get(client, 'account-info.details', '/account-info/v3/details', AccountSchema);
  const properties = [...BASE_PROPERTIES, ...(await currencyPriceProperties(client))].join(',');
  const total = options.onProgress ? await libraryTotal(client) : undefined;
  const report: CatalogSyncReport = { read: 0, created: 0, updated: 0, unchanged: 0, skuTaken: [] };
  let after: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), properties, archived: 'false' });
    if (after !== undefined) query.set('after', after);
    const page = await get(client, 'products.list', `/crm/v3/objects/products?${query}`, ProductPageSchema);
    const fields = page.results.map((p) => hubspotOwnedFields(p.id, p.properties, account.companyCurrency));
    await db.transaction().execute((trx) => writePage(trx, portalId, fields, report));
    report.read += page.results.length;
    options.onProgress?.(report.read, total);
    after = page.paging?.next?.after;
  } while (after !== undefined);
  return report;
}

async function loadRows(trx: Kysely<DatabaseSchema>, portalId: PortalId, fields: HubSpotOwnedFields[]) {
  const ids = fields.map((f) => f.hubspotProductId);
  const skus = fields.map((f) => f.sku);
  const rows = await trx
    .selectFrom('catalog_products')
    .select(['sku', 'hubspot_product_id', 'product'])
    .where('portal_id', '=', portalId)
    .where((eb) => eb.or([eb('hubspot_product_id', 'in', ids), eb('sku', 'in', skus)]))
    .forUpdate()
    .execute();
  return rows.map((row): StoredRow => ({
    sku: row.sku,
    hubspotProductId: row.hubspot_product_id,
    product: ProductEntrySchema.parse(row.product),
  }));
}

async function writePage(
  trx: Kysely<DatabaseSchema>,
  portalId: PortalId,
  page: HubSpotOwnedFields[],
  report: CatalogSyncReport,
): Promise<void> {
  if (page.length === 0) return;
  const rows = await loadRows(trx, portalId, page);
  const byId = new Map(rows.filter((r) => r.hubspotProductId !== null).map((r) => [r.hubspotProductId, r]));
  const bySku = new Map(rows.map((r) => [r.sku, r]));
  const inserts: Array<{ sku: string; name: string; id: string; product: string }> = [];
  for (const fields of page) {
    const linked = byId.get(fields.hubspotProductId);
    const sameSku = bySku.get(fields.sku);
    if (
      !linked &&
      sameSku &&
      sameSku.hubspotProductId !== null &&
      sameSku.hubspotProductId !== fields.hubspotProductId
    ) {
      report.skuTaken.push(fields.sku);
      continue;
    }
    if (linked && linked.sku !== fields.sku && sameSku) {
      report.skuTaken.push(fields.sku);
      continue;
    }
    const existing = linked ?? sameSku;
    const product = mergeHubSpotProduct(existing?.product, fields);
    if (!existing) {
      inserts.push({
        sku: fields.sku,
        name: fields.name,
        id: fields.hubspotProductId,
        product: JSON.stringify(product),
      });
      bySku.set(fields.sku, { sku: fields.sku, hubspotProductId: fields.hubspotProductId, product });
      continue;
    }
    if (existing.hubspotProductId === fields.hubspotProductId && sameJson(existing.product, product)) {
      report.unchanged += 1;
      continue;
    }
    await trx
      .updateTable('catalog_products')
      .set({
        sku: product.sku,
        name: product.name,
        hubspot_product_id: fields.hubspotProductId,
        product: JSON.stringify(product),
        updated_at: sql`now()`,
      })
      .where('portal_id', '=', portalId)
      .where('sku', '=', existing.sku)
      .execute();
    report.updated += 1;
  }
  if (inserts.length > 0) {
    await trx
      .insertInto('catalog_products')
      .values(
        inserts.map((row) => ({
          portal_id: portalId,
          sku: row.sku,
          name: row.name,
          category: null,
          hubspot_product_id: row.id,
          product: row.product,
        })),
      )
      .execute();
    report.created += inserts.length;
  }
}

/** Key order differs between stored JSONB and a fresh object; compare canonically. */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
