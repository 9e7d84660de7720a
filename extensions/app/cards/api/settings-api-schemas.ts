import { z } from 'zod';

/**
 * Per-portal quote settings, shared by the backend (`/api/v1/settings`) and the cards. zod only:
 * HubSpot bundles the cards package on its own (docs/quotes.md "Shared schemas").
 */
export const RoundingModeSchema = z.enum(['half-up', 'half-even']);

export const PortalSettingsInputSchema = z
  .object({
    /** docs/pricing.md (money and rounding): default HALF_UP, per-portal HALF_EVEN. */
    roundingMode: RoundingModeSchema,
    /** docs/quotes.md "Quotes": a new quote expires this many days after creation (default 30). */
    quoteExpiryDays: z.number().int().min(1).max(365),
    /** Currencies a rep may choose for a quote; the first is the card's default. */
    allowedCurrencies: z
      .array(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"'))
      .min(1)
      .max(50)
      .refine((list) => new Set(list).size === list.length, 'must not repeat a currency'),
  })
  .strict();
export type PortalSettingsInput = z.infer<typeof PortalSettingsInputSchema>;

export const PortalSettingsResponseSchema = PortalSettingsInputSchema.extend({
  /** null while the portal runs on the defaults. */
  updatedAt: z.string().nullable(),
});
export type PortalSettingsResponse = z.infer<typeof PortalSettingsResponseSchema>;

export const DEFAULT_PORTAL_SETTINGS: PortalSettingsInput = {
  roundingMode: 'half-up',
  quoteExpiryDays: 30,
  allowedCurrencies: ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY'],
};
