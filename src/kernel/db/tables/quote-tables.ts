import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './foundation-tables.ts';

/**
 * Catalog, account pricing and quotes (quote-builder issue). Product and schedule settings are kept
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

export interface AccountPricingTable {
  portal_id: number;
  /** HubSpot company id. */
  company_id: string;
  /** PricingRequest.account without priorQuantities, plus renewalPricingMethod/upliftPercent. */
  pricing: Json<Record<string, unknown>>;
  updated_at: UpdatedAt;
}

export type QuoteStatus =
  | 'draft'
  | 'pending_approval'
  | 'approved'
  | 'rejected'
  | 'presented'
  | 'accepted'
  | 'declined'
  | 'expired'
  | 'contracted';

export interface QuotesTable {
  id: string;
  portal_id: number;
  deal_id: string;
  company_id: string | null;
  title: string;
  currency: string;
  status: ColumnType<QuoteStatus, QuoteStatus | undefined, QuoteStatus>;
  is_primary: ColumnType<boolean, boolean | undefined, boolean>;
  /** Increases with every saved change (QuoteSyncSnapshot.revision). */
  revision: ColumnType<number, number | undefined, number>;
  /** YYYY-MM-DD */
  expiration_date: string;
  /** Quote-level settings: term, options, pricingDate. */
  settings: Json<Record<string, unknown>>;
  /** The rep's lines, in order (the pricing engine's line objects plus optional name overrides). */
  lines: Json<unknown[]>;
  line_count: number;
  /** The pricing engine's response at the last save (the priced snapshot). */
  priced: Json<Record<string, unknown>>;
  /** Hash of the catalog/account inputs the snapshot was priced with; differs = prices changed. */
  price_inputs_hash: string;
  net_total: string;
  archived: ColumnType<boolean, boolean | undefined, boolean>;
  /** What the last approval covered (smart approval); null when not approved. Migration 0100. */
  approval_envelope: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  status_changed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  cloned_from: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface QuoteTables {
  catalog_products: CatalogProductsTable;
  catalog_discount_schedules: CatalogDiscountSchedulesTable;
  account_pricing: AccountPricingTable;
  quotes: QuotesTable;
}

export const QUOTE_TENANT_TABLES = [
  'catalog_products',
  'catalog_discount_schedules',
  'account_pricing',
  'quotes',
] as const;
