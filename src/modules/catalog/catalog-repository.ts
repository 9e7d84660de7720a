import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { z } from 'zod';
import { AppError } from '../../kernel/errors/app-error.ts';
import {
  DiscountScheduleEntrySchema,
  ProductEntrySchema,
  type CatalogEntry,
  type CatalogProduct,
  type DiscountScheduleInput,
} from './catalog-entry-schema.ts';

type Db = Kysely<DatabaseSchema>;

const StoredProductSchema = ProductEntrySchema.and(z.object({ name: z.string() }));

/** JSON read back from the database is parsed like any outside input: a corrupted row is a typed error. */
function storedJson<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('internal', 'CATALOG_ROW_CORRUPT', `A stored ${what} does not match its schema`, {
    cause: parsed.error,
  });
}

/** Rows per INSERT: 1,000 x 6 parameters stays far below PostgreSQL's 65,535-parameter limit. */
const CHUNK = 1000;

export interface StoredCatalogEntry extends CatalogEntry {
  updatedAt: Date;
}

/** Per-portal catalog store (products mirrored from HubSpot plus the app's pricing settings). */
export const catalogRepository = {
  async upsertProducts(
    db: Db,
    portalId: PortalId,
    entries: readonly CatalogEntry[],
    onChunk?: (written: number) => void,
  ): Promise<void> {
    for (let start = 0; start < entries.length; start += CHUNK) {
      const rows = entries.slice(start, start + CHUNK).map((entry) => ({
        portal_id: portalId,
        sku: entry.product.sku,
        name: entry.product.name,
        category: entry.product.category ?? null,
        hubspot_product_id: entry.hubspotProductId,
        product: JSON.stringify(entry.product),
      }));
      await db
        .insertInto('catalog_products')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['portal_id', 'sku']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            category: eb.ref('excluded.category'),
            hubspot_product_id: eb.ref('excluded.hubspot_product_id'),
            product: eb.ref('excluded.product'),
            updated_at: sql`now()`,
          })),
        )
        .execute();
      onChunk?.(Math.min(start + CHUNK, entries.length));
    }
  },

  async upsertSchedules(db: Db, portalId: PortalId, schedules: readonly DiscountScheduleInput[]): Promise<void> {
    for (let start = 0; start < schedules.length; start += CHUNK) {
      const rows = schedules
        .slice(start, start + CHUNK)
        .map((s) => ({ portal_id: portalId, schedule_id: s.id, schedule: JSON.stringify(s) }));
      await db
        .insertInto('catalog_discount_schedules')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['portal_id', 'schedule_id'])
            .doUpdateSet((eb) => ({ schedule: eb.ref('excluded.schedule'), updated_at: sql`now()` })),
        )
        .execute();
    }
  },

  async scheduleIds(db: Db, portalId: PortalId): Promise<Set<string>> {
    const rows = await db
      .selectFrom('catalog_discount_schedules')
      .select('schedule_id')
      .where('portal_id', '=', portalId)
      .execute();
    return new Set(rows.map((r) => r.schedule_id));
  },

  async productsBySku(db: Db, portalId: PortalId, skus: readonly string[]): Promise<StoredCatalogEntry[]> {
    if (skus.length === 0) return [];
    const rows = await db
      .selectFrom('catalog_products')
      .select(['product', 'hubspot_product_id', 'updated_at'])
      .where('portal_id', '=', portalId)
      .where('sku', 'in', [...new Set(skus)])
      .execute();
    return rows.map(toEntry);
  },

  async schedulesById(db: Db, portalId: PortalId, ids: readonly string[]): Promise<DiscountScheduleInput[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('catalog_discount_schedules')
      .select('schedule')
      .where('portal_id', '=', portalId)
      .where('schedule_id', 'in', [...new Set(ids)])
      .execute();
    return rows.map((r) => storedJson(DiscountScheduleEntrySchema, r.schedule, 'discount schedule'));
  },

  /** Card search: sku prefix or name substring, case-insensitive, ordered by name. */
  async search(
    db: Db,
    portalId: PortalId,
    query: string,
    limit: number,
    offset: number,
  ): Promise<{ entries: StoredCatalogEntry[]; total: number }> {
    const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const base = db
      .selectFrom('catalog_products')
      .where('portal_id', '=', portalId)
      .$if(query !== '', (qb) =>
        qb.where((eb) => eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(sku)`, 'like', pattern)])),
      );
    const [rows, count] = await Promise.all([
      base
        .select(['product', 'hubspot_product_id', 'updated_at'])
        .orderBy(sql`lower(name)`)
        .orderBy('sku')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { entries: rows.map(toEntry), total: count.n };
  },

  async exportAll(
    db: Db,
    portalId: PortalId,
  ): Promise<{
    products: Array<CatalogProduct & { hubspotProductId?: string }>;
    discountSchedules: DiscountScheduleInput[];
  }> {
    const [products, schedules] = [
      await db
        .selectFrom('catalog_products')
        .select(['product', 'hubspot_product_id'])
        .where('portal_id', '=', portalId)
        .orderBy('sku')
        .execute(),
      await db
        .selectFrom('catalog_discount_schedules')
        .select('schedule')
        .where('portal_id', '=', portalId)
        .orderBy('schedule_id')
        .execute(),
    ];
    return {
      products: products.map((r) => ({
        ...storedJson(ProductEntrySchema, r.product, 'catalog product'),
        ...(r.hubspot_product_id ? { hubspotProductId: r.hubspot_product_id } : {}),
      })),
      discountSchedules: schedules.map((r) => storedJson(DiscountScheduleEntrySchema, r.schedule, 'discount schedule')),
    };
  },
};

function toEntry(row: {
  product: Record<string, unknown>;
  hubspot_product_id: string | null;
  updated_at: Date;
}): StoredCatalogEntry {
  return {
    product: storedJson(StoredProductSchema, row.product, 'catalog product'),
    hubspotProductId: row.hubspot_product_id,
    updatedAt: row.updated_at,
  };
}
