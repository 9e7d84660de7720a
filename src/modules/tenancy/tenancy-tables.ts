import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from '../../kernel/db/column-types.ts';

/** The tenancy module's tables: installs, tokens, roles, OAuth state nonces, the audit log. */
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

/** Install/security columns added to `portals` by migration 0004 (see docs/security.md). */
export interface PortalInstallColumns {
  /** Optional features switched on by granted optional scopes, space-separated (src/modules/tenancy/app-scopes.ts). */
  features: ColumnType<string, string | undefined, string>;
  /** HubSpot user id of the user who (re)installed the app; becomes the first app admin. */
  installed_by_user_id: number | null;
  /** 'app' (cpq portal uninstall) or 'customer' (refresh refused by HubSpot). */
  uninstall_reason: string | null;
  /** When the retention job may delete the portal's data (uninstalled_at + UNINSTALL_RETENTION_DAYS). */
  data_delete_after: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  data_deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type AppRole = 'admin' | 'approver';

/** App roles of HubSpot users, per portal: the signed userId is looked up here (docs/security.md "Roles"). */
export interface PortalUserRolesTable {
  portal_id: number;
  user_id: number;
  role: AppRole;
  granted_by_user_id: number | null;
  granted_at: CreatedAt;
}

/** Nonces of OAuth states already consumed at /oauth/callback (migration 0008): a state is single-use. */
export interface OAuthStateNoncesTable {
  nonce: string;
  /** The state's own expiry: after it the state is refused anyway, so the row may go. */
  expires_at: ColumnType<Date, Date | string, never>;
  consumed_at: CreatedAt;
}

export interface TenancyTables {
  /** Created by the foundation migration; install columns added by 0004. */
  portals: PortalsTable & PortalInstallColumns;
  portal_tokens: PortalTokensTable;
  portal_user_roles: PortalUserRolesTable;
  oauth_state_nonces: OAuthStateNoncesTable;
  audit_log: AuditLogTable;
}

/** Every table this module owns (and so may write). */
export const TENANCY_TABLES = [
  'portals',
  'portal_tokens',
  'portal_user_roles',
  'oauth_state_nonces',
  'audit_log',
] as const satisfies readonly (keyof TenancyTables)[];

/** Its tables holding one portal's rows (scoped by portal_id; `portals` is the tenant list itself). */
export const TENANCY_TENANT_TABLES = ['portal_tokens', 'portal_user_roles', 'audit_log'] as const;
