import type { Router } from 'express';
import { pureJsonRoute } from '../../kernel/http/pure-json-route.ts';
import { PricingRequestSchema } from './domain/pricing-request-schema.ts';
import { priceQuote } from './domain/quote-pricing.ts';

/** `POST /api/v1/pricing/calculate`: same request/response as `cpq price` (public contract). */
export function pricingRouter(): Router {
  return pureJsonRoute({
    path: '/v1/pricing/calculate',
    code: 'PRICING_REQUEST_INVALID',
    schema: PricingRequestSchema,
    compute: priceQuote,
  });
}
