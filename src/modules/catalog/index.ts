// The catalog module's public surface (other modules import only this file).
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { CatalogProduct, DiscountScheduleInput } from './catalog-entry-schema.ts';
import { catalogRepository } from './catalog-repository.ts';

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
