import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { integrationSource } from './sandbox-changes.ts';
import type { SandboxClock } from './sandbox-clock.ts';
import { expiredAuthentication, invalidAuthentication } from './sandbox-errors.ts';
import { setRequestContext } from './sandbox-request-context.ts';
import type { SandboxStore } from './sandbox-store.ts';
import type { TokenStore } from './sandbox-token-store.ts';

/**
 * Bearer-token check for CRM routes: 401 INVALID_AUTHENTICATION for a missing or unknown token,
 * 401 EXPIRED_AUTHENTICATION once the 1800-second access token has expired (HubSpot's wording).
 */
export function bearerAuth(store: SandboxStore, tokens: TokenStore, clock: SandboxClock): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const accessToken = match?.[1];
    const record = accessToken === undefined ? undefined : tokens.findAccessToken(accessToken);
    if (!record || accessToken === undefined) {
      next(invalidAuthentication());
      return;
    }
    const now = clock.now();
    if (record.expiresAt !== null && record.expiresAt <= now) {
      next(expiredAuthentication(Math.floor((now - record.expiresAt) / 1000)));
      return;
    }
    const portal = store.findPortal(record.hubId);
    if (!portal) {
      next(invalidAuthentication());
      return;
    }
    setRequestContext(req, {
      portal,
      appId: record.appId,
      scopes: new Set(record.scopes),
      source: integrationSource(record.appId),
      accessToken,
    });
    next();
  };
}
