import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, WebhookInboxTable } from './foundation-tables.ts';

/**
 * Webhook processing state (migration 0002). The inbox itself is the foundation's `webhook_inbox`;
 * 0002 adds its `outcome` column (why an event was done/ignored) and these two tables.
 */

/**
 * Newest applied `occurredAt` per object and aspect (a property name, `lifecycle`, or
 * `association:<type>`): an event older than the watermark is stale and never overwrites newer
 * state (HubSpot reference §4: no ordering guarantee).
 */
export interface WebhookWatermarksTable {
  portal_id: number;
  object_type_id: string;
  object_id: string;
  aspect: string;
  occurred_at: number;
  event_id: number;
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

export interface WebhooksTables {
  /** The foundation's inbox plus 0002's `outcome` column. */
  webhook_inbox: WebhookInboxTable & WebhookInboxOutcomeColumn;
  webhook_watermarks: WebhookWatermarksTable;
  quote_divergences: QuoteDivergencesTable;
}

export const WEBHOOKS_TENANT_TABLES = ['webhook_watermarks', 'quote_divergences'] as const;

/** Extra column of the foundation's inbox, added by 0002. */
export interface WebhookInboxOutcomeColumn {
  outcome: string | null;
}
