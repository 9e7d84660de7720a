import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { toPortalId } from '../db/portal-id.ts';
import { AppError } from '../errors/app-error.ts';
import { verifyHubSpotSignature } from './hubspot-signature.ts';
import { readSignedPortalContext } from './signed-query.ts';
import { setSignedContext } from './signed-context.ts';
import { quoteUnsafeIntegers } from './lossless-json-ids.ts';

export interface SignedRequestOptions {
  clientSecret: string;
  /** Signed URIs are rebuilt from this origin plus the path and query as received (HubSpot docs "Webhooks API"). */
  publicBaseUrl: string;
  bodyLimitBytes: number;
  acceptLegacySignatures: boolean;
  /** Card routes take the portal from the signed query; webhook routes from each event. */
  portalFrom: 'query' | 'events';
  now: () => number;
}

function headerMap(req: Request): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value[0] : value;
  return headers;
}

function verify(options: SignedRequestOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const uri = `${options.publicBaseUrl}${req.originalUrl}`;
    const check = verifyHubSpotSignature({
      method: req.method,
      uri,
      rawBody,
      headers: headerMap(req),
      clientSecret: options.clientSecret,
      nowMs: options.now(),
      acceptLegacy: options.acceptLegacySignatures,
    });
    if (!check.ok) throw new AppError('unauthenticated', check.code, check.message);
    const query = options.portalFrom === 'query' ? readSignedPortalContext(uri) : undefined;
    setSignedContext(res, {
      signatureVersion: check.version,
      portalId: query ? toPortalId(query.portalId) : undefined,
      userId: query?.userId,
      userEmail: query?.userEmail,
      appId: query?.appId,
    });
    next();
  };
}

/**
 * JSON is parsed only after the signature over the raw bytes has been checked: 401 before 400.
 * Webhook bodies keep integers beyond 2^53 exact (as text): HubSpot event ids reach 18 digits.
 */
const parseJsonBody =
  (lossless: boolean) =>
  (req: Request, _res: Response, next: NextFunction): void => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (raw.length === 0) {
      req.body = undefined;
      return next();
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
      throw new AppError('unsupported-media-type', 'CONTENT_TYPE_UNSUPPORTED', 'Body must be application/json');
    }
    try {
      const text = raw.toString('utf8');
      req.body = JSON.parse(lossless ? quoteUnsafeIntegers(text) : text) as unknown;
    } catch {
      throw new AppError('validation', 'INVALID_JSON', 'Body is not valid JSON', {
        issues: [{ path: '', message: 'Body is not valid JSON' }],
      });
    }
    next();
  };

/**
 * Middleware chain for signed routes (`/api/*`, `/webhooks/*`): capture the raw body (size
 * limited), verify the HubSpot signature, attach the signed context, then parse JSON.
 */
export function signedRequest(options: SignedRequestOptions): RequestHandler[] {
  return [
    express.raw({ type: () => true, limit: options.bodyLimitBytes }),
    verify(options),
    parseJsonBody(options.portalFrom === 'events'),
  ];
}
