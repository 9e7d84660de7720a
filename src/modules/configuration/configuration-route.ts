import type { Router } from 'express';
import { pureJsonRoute } from '../../kernel/http/pure-json-route.ts';
import { CONFIGURATION_ERROR_CODES } from './configuration-error-codes.ts';
import { configure } from './domain/configure.ts';
import { ConfigureRequestSchema } from './domain/configuration-schema.ts';

/** `POST /api/v1/configuration/validate`: same request/response as `cpq configure` (docs/configuration.md). */
export function configurationRouter(): Router {
  return pureJsonRoute({
    path: '/v1/configuration/validate',
    code: CONFIGURATION_ERROR_CODES.requestInvalid,
    schema: ConfigureRequestSchema,
    compute: configure,
  });
}
