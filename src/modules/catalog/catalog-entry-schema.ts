import { z } from 'zod';
import { PricingRequestSchema, type CatalogProduct, type DiscountScheduleInput } from '../pricing/index.ts';

/**
 * A catalog row is exactly the pricing engine's product (so whatever imports also prices) plus
 * the HubSpot product id it mirrors. Schedules are the engine's discount schedules.
 */
export const ProductEntrySchema = PricingRequestSchema.shape.catalog.shape.products.element;
export const DiscountScheduleEntrySchema = z.array(
  PricingRequestSchema.shape.catalog.shape.discountSchedules.unwrap().element,
).element;

export const HubSpotProductIdSchema = z.string().regex(/^[0-9]{1,20}$/, 'must be a HubSpot product id (digits)');

export interface CatalogEntry {
  product: CatalogProduct & { name: string };
  hubspotProductId: string | null;
}

export type { CatalogProduct, DiscountScheduleInput };
