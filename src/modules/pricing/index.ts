// The pricing module's public surface: the pure engine and its request/response schemas.
export { priceQuote } from './domain/quote-pricing.ts';
export {
  PricingRequestSchema,
  type PricingRequest,
  type CatalogProduct,
  type DiscountScheduleInput,
  type PricingLineInput,
  type ContractedPriceInput,
} from './domain/pricing-request-schema.ts';
export {
  PricingResponseSchema,
  type PricingResponse,
  type PricedLine,
  type WaterfallStep,
} from './domain/pricing-response-schema.ts';
export {
  resolveTerm,
  prorateMultiplier,
  wholeMonthsAndDays,
  DEFAULT_TERM_MONTHS,
  DEFAULT_PRORATION_PRECISION,
  type ProrationPrecision,
  type ResolvedTerm,
} from './domain/term-proration.ts';
export { pricingModule } from './pricing-module.ts';
