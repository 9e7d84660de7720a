import type { FoundationTables } from './tables/foundation-tables.ts';
import { FOUNDATION_TENANT_TABLES } from './tables/foundation-tables.ts';
import type { HubSpotSyncTables } from './tables/hubspot-sync-tables.ts';
import { HUBSPOT_SYNC_TENANT_TABLES } from './tables/hubspot-sync-tables.ts';
import type { QuoteTables } from './tables/quote-tables.ts';
import { QUOTE_TENANT_TABLES } from './tables/quote-tables.ts';
import type { SecurityTables } from './tables/security-tables.ts';
import { SECURITY_TENANT_TABLES } from './tables/security-tables.ts';
import type { WebhooksTables } from './tables/webhooks-tables.ts';
import type { SettingsTables } from './tables/settings-tables.ts';
import { SETTINGS_TENANT_TABLES } from './tables/settings-tables.ts';
import { WEBHOOKS_TENANT_TABLES } from './tables/webhooks-tables.ts';
import type { ApprovalsTables } from '../../modules/approvals/approvals-tables.ts';
import { APPROVALS_TENANT_TABLES } from '../../modules/approvals/approvals-tables.ts';

export type * from './tables/foundation-tables.ts';
export type * from './tables/hubspot-sync-tables.ts';
export type * from './tables/quote-tables.ts';
export type * from './tables/security-tables.ts';
export type * from './tables/webhooks-tables.ts';
export type * from './tables/settings-tables.ts';

/**
 * The whole database as Kysely sees it: each module declares its tables in
 * src/kernel/db/tables/<module>-tables.ts and is added here (one `&` term, one tenant list).
 * Every table that holds a customer's data has `portal_id` (the HubSpot account id) and is listed
 * in TENANT_TABLES; the tenant guard refuses queries on them that are not scoped by it.
 */
export type DatabaseSchema = FoundationTables &
  HubSpotSyncTables &
  QuoteTables &
  SecurityTables &
  WebhooksTables &
  SettingsTables &
  ApprovalsTables;

/** Tables whose rows belong to one portal: every query on them must be scoped by portal_id. */
export const TENANT_TABLES: ReadonlySet<string> = new Set<string>([
  ...FOUNDATION_TENANT_TABLES,
  ...HUBSPOT_SYNC_TENANT_TABLES,
  ...QUOTE_TENANT_TABLES,
  ...SECURITY_TENANT_TABLES,
  ...WEBHOOKS_TENANT_TABLES,
  ...SETTINGS_TENANT_TABLES,
  ...APPROVALS_TENANT_TABLES,
]);
