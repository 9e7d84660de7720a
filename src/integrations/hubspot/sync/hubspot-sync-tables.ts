import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from '../../../kernel/db/column-types.ts';

/** HubSpot sync state: what the app wrote to HubSpot, so every write is idempotent. */
export type QuoteSyncStatus = 'pending' | 'synced' | 'failed' | 'archived';

export interface HubSpotQuoteSyncTable {
  portal_id: number;
  quote_id: string;
  deal_id: string | null;
  hubspot_quote_id: string | null;
  /** Highest quote revision written to HubSpot; an older snapshot is never written over it. */
  last_synced_revision: ColumnType<number, number | undefined, number>;
  status: ColumnType<QuoteSyncStatus, QuoteSyncStatus | undefined, QuoteSyncStatus>;
  last_error: string | null;
  /** Set before a create is sent, cleared once its ids are stored: a crash in between reconciles. */
  needs_reconcile: ColumnType<boolean, boolean | undefined, boolean>;
  /** Hashes of what was last written (quote properties, deal properties, contact associations). */
  quote_hash: string | null;
  deal_hash: string | null;
  contact_ids: Json<string[]>;
  synced_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type LineItemTarget = 'deal' | 'quote';

export interface HubSpotLineItemMapTable {
  portal_id: number;
  quote_id: string;
  /** The deal's line item or the HubSpot quote's own copy (HubSpot docs "CRM API: Quotes, Line items, Associations v4": never shared). */
  target: LineItemTarget;
  line_key: string;
  hubspot_line_item_id: string;
  /** Hash of the properties last written: unchanged lines cost no call. */
  props_hash: string;
  updated_at: UpdatedAt;
}

export type ProvisioningStatus = 'done' | 'failed';

export interface HubSpotProvisioningTable {
  portal_id: number;
  status: ProvisioningStatus;
  /** What each step did: created / existed / skipped (with the reason). */
  report: Json<Record<string, unknown>>;
  updated_at: UpdatedAt;
}

export interface HubSpotSyncTables {
  hubspot_quote_sync: HubSpotQuoteSyncTable;
  hubspot_line_item_map: HubSpotLineItemMapTable;
  hubspot_provisioning: HubSpotProvisioningTable;
}

/** Every table the sync owns (and so may write). */
export const HUBSPOT_SYNC_TABLES = [
  'hubspot_quote_sync',
  'hubspot_line_item_map',
  'hubspot_provisioning',
] as const satisfies readonly (keyof HubSpotSyncTables)[];

export const HUBSPOT_SYNC_TENANT_TABLES = [
  'hubspot_quote_sync',
  'hubspot_line_item_map',
  'hubspot_provisioning',
] as const;
