import type { ColumnType, Generated } from 'kysely';

/** Foundation tables: installs, tokens, the webhook inbox, the audit log. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string, string>;

export type PortalStatus = 'installed' | 'uninstalled';

export interface PortalsTable {
  portal_id: number;
  status: PortalStatus;
  hub_domain: string | null;
  /** Granted OAuth scopes, space-separated as HubSpot sends them. */
  scopes: string;
  installed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  uninstalled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PortalTokensTable {
  portal_id: number;
  key_id: string;
  refresh_token_ciphertext: string;
  access_token_ciphertext: string | null;
  access_token_expires_at: Date | null;
  updated_at: UpdatedAt;
}

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

export type AuditActorKind = 'user' | 'system' | 'hubspot';

export interface AuditLogTable {
  id: Generated<number>;
  portal_id: number;
  actor_kind: AuditActorKind;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: Json<Record<string, unknown>>;
  occurred_at: CreatedAt;
}

export interface FoundationTables {
  portals: PortalsTable;
  portal_tokens: PortalTokensTable;
  webhook_inbox: WebhookInboxTable;
  audit_log: AuditLogTable;
}

export const FOUNDATION_TENANT_TABLES = ['portal_tokens', 'webhook_inbox', 'audit_log'] as const;
