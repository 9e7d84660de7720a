import type { Json, UpdatedAt } from '../../kernel/db/column-types.ts';

/**
 * The catalog module's tables. Product and schedule settings are kept
 * as the pricing engine's own JSON (`CatalogProduct`, `DiscountScheduleInput`) so a pricing request
 * is assembled without mapping columns back and forth; sku/name/category are columns for search.
 */
export interface CatalogProductsTable {
  portal_id: number;
  sku: string;
  name: string;
  category: string | null;
  hubspot_product_id: string | null;
  /** The pricing engine's product object (PricingRequest.catalog.products[n]). */
  product: Json<Record<string, unknown>>;
  updated_at: UpdatedAt;
}

export interface CatalogDiscountSchedulesTable {
  portal_id: number;
  schedule_id: string;
  schedule: Json<Record<string, unknown>>;
  updated_at: UpdatedAt;
}

export interface CatalogTables {
  catalog_products: CatalogProductsTable;
  catalog_discount_schedules: CatalogDiscountSchedulesTable;
}

/** Every table this module owns (and so may write). */
export const CATALOG_TABLES = [
  'catalog_products',
  'catalog_discount_schedules',
] as const satisfies readonly (keyof CatalogTables)[];

export const CATALOG_TENANT_TABLES = ['catalog_products', 'catalog_discount_schedules'] as const;
