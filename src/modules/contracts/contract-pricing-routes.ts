import type { Router } from 'express';
import { pureJsonRoute } from '../../kernel/http/pure-json-route.ts';
import { CONTRACTS_ERROR_CODES } from './contracts-error-codes.ts';
import { priceAmendment } from './domain/amendment-pricing.ts';
import { AmendmentRequestSchema } from './domain/amendment-request-schema.ts';
import { priceRenewals } from './domain/renewal-pricing.ts';
import { RenewalRequestSchema } from './domain/renewal-request-schema.ts';

/** `POST /api/v1/contracts/amendment/price`: same request/response as `cpq amend` (public contract). */
export function amendmentPriceRouter(): Router {
  return pureJsonRoute({
    path: '/v1/contracts/amendment/price',
    code: CONTRACTS_ERROR_CODES.AMENDMENT_REQUEST_INVALID,
    schema: AmendmentRequestSchema,
    compute: priceAmendment,
  });
}

/** `POST /api/v1/contracts/renewal/price`: same request/response as `cpq renew` (public contract). */
export function renewalPriceRouter(): Router {
  return pureJsonRoute({
    path: '/v1/contracts/renewal/price',
    code: CONTRACTS_ERROR_CODES.RENEWAL_REQUEST_INVALID,
    schema: RenewalRequestSchema,
    compute: priceRenewals,
  });
}
