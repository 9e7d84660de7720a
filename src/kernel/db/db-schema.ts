import type { CatalogTables } from '../../modules/catalog/catalog-tables.ts';
import { CATALOG_TENANT_TABLES } from '../../modules/catalog/catalog-tables.ts';
import type { HubSpotSyncTables } from '../../integrations/hubspot/sync/hubspot-sync-tables.ts';
import { HUBSPOT_SYNC_TENANT_TABLES } from '../../integrations/hubspot/sync/hubspot-sync-tables.ts';
import type { QuoteTables } from '../../modules/quotes/quote-tables.ts';
import { QUOTE_TENANT_TABLES } from '../../modules/quotes/quote-tables.ts';
import type { TenancyTables } from '../../modules/tenancy/tenancy-tables.ts';
import { TENANCY_TENANT_TABLES } from '../../modules/tenancy/tenancy-tables.ts';
import type { WebhooksTables } from '../../integrations/hubspot/webhooks/webhooks-tables.ts';
import type { SettingsTables } from '../../modules/settings/settings-tables.ts';
import { SETTINGS_TENANT_TABLES } from '../../modules/settings/settings-tables.ts';
import { WEBHOOKS_TENANT_TABLES } from '../../integrations/hubspot/webhooks/webhooks-tables.ts';
import type { RevenueTables } from '../../modules/revenue/revenue-tables.ts';
import { REVENUE_TENANT_TABLES } from '../../modules/revenue/revenue-tables.ts';
import type { AttributionTables } from '../../modules/attribution/attribution-tables.ts';
import { ATTRIBUTION_TENANT_TABLES } from '../../modules/attribution/attribution-tables.ts';
import type { ContractsTables } from '../../modules/contracts/contracts-tables.ts';
import { CONTRACTS_TENANT_TABLES } from '../../modules/contracts/contracts-tables.ts';

export type * from './column-types.ts';
export type * from '../../modules/catalog/catalog-tables.ts';
export type * from '../../integrations/hubspot/sync/hubspot-sync-tables.ts';
export type * from '../../modules/quotes/quote-tables.ts';
export type * from '../../modules/tenancy/tenancy-tables.ts';
export type * from '../../integrations/hubspot/webhooks/webhooks-tables.ts';
export type * from '../../modules/settings/settings-tables.ts';
export type * from '../../modules/revenue/revenue-tables.ts';
export type * from '../../modules/attribution/attribution-tables.ts';
export type * from '../../modules/contracts/contracts-tables.ts';

/**
 * The table registry: the whole database as Kysely sees it. Each module declares its tables in its
 * own src/modules/<name>/<name>-tables.ts (the integration in src/integrations/hubspot) and is added
 * here (one `&` term, one tenant list). This file and migrations/migration-list.ts are the kernel's
 * only imports of modules, and only of their table and migration files (.dependency-cruiser.mjs,
 * rule kernel-registry-imports-tables-only); the kernel's code never names a module's table.
 * Every table that holds a customer's data has `portal_id` (the HubSpot account id) and is listed
 * in TENANT_TABLES; the tenant guard refuses queries on them that are not scoped by it.
 */
export type DatabaseSchema = TenancyTables &
  HubSpotSyncTables &
  CatalogTables &
  QuoteTables &
  WebhooksTables &
  SettingsTables &
  RevenueTables &
  AttributionTables &
  ContractsTables;

/** Tables whose rows belong to one portal: every query on them must be scoped by portal_id. */
export const TENANT_TABLES: ReadonlySet<string> = new Set<string>([
  ...TENANCY_TENANT_TABLES,
  ...HUBSPOT_SYNC_TENANT_TABLES,
  ...CATALOG_TENANT_TABLES,
  ...QUOTE_TENANT_TABLES,
  ...WEBHOOKS_TENANT_TABLES,
  ...SETTINGS_TENANT_TABLES,
  ...REVENUE_TENANT_TABLES,
  ...ATTRIBUTION_TENANT_TABLES,
  ...CONTRACTS_TENANT_TABLES,
]);
