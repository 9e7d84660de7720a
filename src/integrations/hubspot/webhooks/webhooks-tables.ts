import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json } from '../../../kernel/db/column-types.ts';

export type InboxStatus = 'pending' | 'done' | 'ignored' | 'failed';

export interface WebhookInboxTable {
  id: Generated<number>;
  portal_id: number;
  subscription_id: number;
  event_id: number;
  /** HubSpot's occurredAt, epoch milliseconds. */
  occurred_at: number;
  subscription_type: string;
  object_type_id: string | null;
  object_id: string | null;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<InboxStatus, InboxStatus | undefined, InboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  received_at: CreatedAt;
  processed_at: Date | null;
}

/**
 * Webhook intake and processing state: the inbox (created by the foundation migration; 0002 adds
 * its `outcome` column, why an event was done/ignored) and the per-object watermarks (0002).
 */

/**
 * Newest applied `occurredAt` per object and aspect (a property name, `lifecycle`, or
 * `association:<type>`): an event older than the watermark is stale and never overwrites newer
 * state (HubSpot docs "Webhooks API": no ordering guarantee).
 */
export interface WebhookWatermarksTable {
  portal_id: number;
  object_type_id: string;
  object_id: string;
  aspect: string;
  occurred_at: number;
  event_id: number;
}

export interface WebhooksTables {
  /** The foundation's inbox plus 0002's `outcome` column. */
  webhook_inbox: WebhookInboxTable & WebhookInboxOutcomeColumn;
  webhook_watermarks: WebhookWatermarksTable;
}

/** Every table the webhook intake owns (and so may write). */
export const WEBHOOKS_TABLES = [
  'webhook_inbox',
  'webhook_watermarks',
] as const satisfies readonly (keyof WebhooksTables)[];

export const WEBHOOKS_TENANT_TABLES = ['webhook_inbox', 'webhook_watermarks'] as const;

/** Extra column of the foundation's inbox, added by 0002. */
export interface WebhookInboxOutcomeColumn {
  outcome: string | null;
}
