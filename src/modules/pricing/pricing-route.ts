import { Router } from 'express';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { PricingRequestSchema } from './domain/pricing-request-schema.ts';
import { priceQuote } from './domain/quote-pricing.ts';
import { requireSignedPortal } from '../../kernel/http/signed-context.ts';

/** `POST /api/v1/pricing/calculate`: same request/response as `cpq price` (public contract). */
export function pricingRouter(): Router {
  const router = Router();
  router.post('/v1/pricing/calculate', (req, res) => {
    // Portal-scoped by the signature; the headless engine reads nothing of the portal's yet.
    requireSignedPortal(res);
    const request = parseInput(PricingRequestSchema, req.body, 'PRICING_REQUEST_INVALID');
    res.json(priceQuote(request));
  });
  return router;
}
