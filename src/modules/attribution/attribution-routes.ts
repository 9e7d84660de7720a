import type { Router } from 'express';
import { pureJsonRoute } from '../../kernel/http/pure-json-route.ts';
import { ATTRIBUTION_ERROR_CODES } from './attribution-error-codes.ts';
import { attribute } from './domain/attribute-deals.ts';
import { AttributionRequestSchema } from './domain/attribution-request-schema.ts';

/** `POST /api/v1/attribution/compute`: same request/response as `cpq attribute` (public contract). */
export function attributionComputeRouter(): Router {
  return pureJsonRoute({
    path: '/v1/attribution/compute',
    code: ATTRIBUTION_ERROR_CODES.requestInvalid,
    schema: AttributionRequestSchema,
    compute: attribute,
  });
}
