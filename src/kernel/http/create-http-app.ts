import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/db-schema.ts';
import type { Logger } from '../logging/logger.ts';
import { errorMiddleware, notFoundHandler } from './error-middleware.ts';
import { requestLogger } from './request-logger.ts';
import { healthRouter } from './health-route.ts';
import { signedRequest, type SignedRequestOptions } from './signed-request-middleware.ts';
import { refuseReplayedRequests } from './replay-guard.ts';

export interface HttpAppOptions {
  db: Kysely<DatabaseSchema>;
  logger: Logger;
  signature: Omit<SignedRequestOptions, 'portalFrom'>;
  /** Run on every /api request after the signature check, before the routers (install status). */
  apiGuards?: RequestHandler[];
  /** Card-facing routers, mounted under /api behind the signature check (portal from the query). */
  apiRouters: Router[];
  /** Webhook routers, mounted under /webhooks behind the signature check (portal per event). */
  webhookRouters: Router[];
  /** Unsigned routes at the root (OAuth redirects, buyer links); each parses its own input. */
  publicRouters?: Router[];
}

/** The Express app: health, signed /api and /webhooks, one error middleware. No listening here. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Never derive anything from X-Forwarded-*: signed URIs are rebuilt from PUBLIC_BASE_URL.
  app.set('trust proxy', false);
  app.use(requestLogger(options.logger));
  app.use(healthRouter(options.db));
  for (const router of options.publicRouters ?? []) app.use(router);
  app.use(
    '/api',
    ...signedRequest({ ...options.signature, portalFrom: 'query' }),
    refuseReplayedRequests(options.db, options.signature.now),
    ...(options.apiGuards ?? []),
    ...options.apiRouters,
  );
  app.use('/webhooks', ...signedRequest({ ...options.signature, portalFrom: 'events' }), ...options.webhookRouters);
  app.use(notFoundHandler);
  app.use(errorMiddleware(options.logger));
  return app;
}
