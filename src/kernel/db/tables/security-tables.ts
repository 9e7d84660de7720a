import type { ColumnType } from 'kysely';
import type { CreatedAt, PortalsTable } from './foundation-tables.ts';

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

export interface SecurityTables {
  portals: PortalsTable & PortalInstallColumns;
  portal_user_roles: PortalUserRolesTable;
  oauth_state_nonces: OAuthStateNoncesTable;
}

export const SECURITY_TENANT_TABLES = ['portal_user_roles'] as const;
