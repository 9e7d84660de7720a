import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from '../../kernel/db/column-types.ts';

/** The quotes module's tables: account pricing, quotes and their HubSpot divergences. */
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

export type DivergenceField = 'amount' | 'line_items' | 'dealstage';

/** A deal value changed in HubSpot by someone else that differs from the app's primary quote. */
export interface QuoteDivergencesTable {
  id: ColumnType<number, never, never>;
  portal_id: number;
  deal_id: string;
  quote_id: string | null;
  field: DivergenceField;
  hubspot_value: string | null;
  app_value: string | null;
  occurred_at: number;
  /** The inbox row that revealed it. */
  inbox_id: number;
  details: Json<Record<string, unknown>>;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}

export interface QuoteTables {
  account_pricing: AccountPricingTable;
  quotes: QuotesTable;
  /** Created by migration 0002 (webhooks), owned here: quotes record and resolve them. */
  quote_divergences: QuoteDivergencesTable;
}

/** Every table this module owns (and so may write). */
export const QUOTE_TABLES = [
  'account_pricing',
  'quotes',
  'quote_divergences',
] as const satisfies readonly (keyof QuoteTables)[];

export const QUOTE_TENANT_TABLES = ['account_pricing', 'quotes', 'quote_divergences'] as const;
