// The catalog module's public surface (other modules, the CLI and the composition root import only this file).
export { catalogModule } from './catalog-module.ts';
import { catalogRepository } from './catalog-repository.ts';
export { catalogRepository, type StoredCatalogEntry } from './catalog-repository.ts';
export { parseCatalogFile, parseRowsFile, type RawRow, type RawCatalogFile } from './catalog-file-parser.ts';
export { importCatalog, toErrorIssues, type RowIssue, type CatalogImportResult } from './catalog-import.ts';
export { createCatalogAdapter } from './webhooks/catalog-adapter.ts';
export { handleProductEvent } from './webhooks/product-event-handler.ts';
export { syncCatalogFromHubSpot, type CatalogSyncReport } from './hubspot-catalog-sync.ts';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { CatalogProduct, DiscountScheduleInput } from './catalog-entry-schema.ts';

/**
 * The pricing engine's catalog for these skus: their products and every discount schedule they
 * reference (contracts: pricing amendment lines and `list` renewals).
 */
export async function readPricingCatalog(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  skus: readonly string[],
): Promise<{ products: CatalogProduct[]; discountSchedules: DiscountScheduleInput[] }> {
  const products = (await catalogRepository.productsBySku(db, portalId, skus)).map((entry) => entry.product);
  const scheduleIds = products.flatMap((p) => [p.discountSchedule, p.termDiscountSchedule].filter((id) => id != null));
  const discountSchedules = await catalogRepository.schedulesById(db, portalId, scheduleIds);
  return { products, discountSchedules };
}
