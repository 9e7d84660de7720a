import { z } from 'zod';
import { PRICING_MESSAGE_CODES } from './pricing-messages.ts';

/**
 * The pricing response (docs/pricing-response.schema.json). Unit prices and multipliers carry
 * full precision; totals carry exactly the currency's minor units. Prices of a line that could not
 * be priced are null. Fields beyond the contract (`status`, `recurring`, `termMonths`,
 * `pricingMethod`) are additions, allowed by the contract.
 */
export const WATERFALL_STEPS = [
  'list',
  'contracted-price',
  'cost-plus',
  'volume-discount',
  'term-discount',
  'bundled',
  'option-discount',
  'prorate',
  'additional-discount',
  'partner-discount',
  'distributor-discount',
] as const;

const DecimalText = z.string();
const NullableDecimal = DecimalText.nullable();

export const WaterfallStepSchema = z.object({
  step: z.enum(WATERFALL_STEPS),
  unitPrice: DecimalText,
  detail: z.string().optional(),
});

export const PricedLineSchema = z.object({
  id: z.string(),
  sku: z.string(),
  status: z.enum(['priced', 'error']),
  pricingMethod: z.enum(['list', 'cost-plus', 'block', 'percent-of-total']).nullable(),
  recurring: z.boolean(),
  quantity: DecimalText,
  effectiveQuantity: NullableDecimal,
  termMonths: NullableDecimal,
  prorateMultiplier: NullableDecimal,
  listUnitPrice: NullableDecimal,
  specialUnitPrice: NullableDecimal,
  regularUnitPrice: NullableDecimal,
  customerUnitPrice: NullableDecimal,
  partnerUnitPrice: NullableDecimal,
  netUnitPrice: NullableDecimal,
  listTotal: NullableDecimal,
  netTotal: NullableDecimal,
  waterfall: z.array(WaterfallStepSchema).readonly(),
  /** Bundle lines: this line's net/list total plus all its options' (nested) totals. */
  bundleNetTotal: DecimalText.optional(),
  bundleListTotal: DecimalText.optional(),
  parentLineId: z.string().optional(),
});

export const PricingResponseSchema = z.object({
  currency: z.string(),
  lines: z.array(PricedLineSchema),
  totals: z.object({
    listTotal: DecimalText,
    netTotal: DecimalText,
    discountTotal: DecimalText,
    oneTimeTotal: DecimalText,
    recurringTotal: DecimalText,
    mrr: DecimalText,
    arr: DecimalText,
    tcv: DecimalText,
  }),
  messages: z.array(
    z.object({
      level: z.enum(['error', 'warning', 'info']),
      code: z.enum(PRICING_MESSAGE_CODES),
      lineId: z.string().optional(),
      text: z.string(),
    }),
  ),
});

export type WaterfallStep = z.infer<typeof WaterfallStepSchema>;
export type PricedLine = z.infer<typeof PricedLineSchema>;
export type PricingResponse = z.infer<typeof PricingResponseSchema>;
