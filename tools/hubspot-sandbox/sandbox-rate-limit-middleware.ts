import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimitError } from './sandbox-errors.ts';
import type { RateLimitDecision, RollingWindowRateLimiter } from './sandbox-rate-limiter.ts';
import { requestContext } from './sandbox-request-context.ts';

const SEARCH_PATH = /^\/crm\/v3\/objects\/[^/]+\/search\/?$/;

function headersFor(decision: RateLimitDecision): Record<string, string> {
  return {
    'X-HubSpot-RateLimit-Max': String(decision.max),
    'X-HubSpot-RateLimit-Remaining': String(decision.remaining),
    'X-HubSpot-RateLimit-Interval-Milliseconds': String(decision.intervalMs),
  };
}

/**
 * Per-portal limits (HubSpot docs "API usage guidelines and limits"): every authenticated CRM response carries the
 * X-HubSpot-RateLimit-Max/-Remaining/-Interval-Milliseconds headers of the ten-second window.
 * Search requests do not count toward it; they have their own per-second lane (policy SECONDLY).
 */
export function rateLimitMiddleware(
  general: RollingWindowRateLimiter,
  search: RollingWindowRateLimiter,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = String(requestContext(req).portal.portalId);
    const path = req.originalUrl.split('?')[0] ?? '';
    if (req.method === 'POST' && SEARCH_PATH.test(path)) {
      const headers = headersFor(general.peek(key));
      res.set(headers);
      const decision = search.take(key);
      if (!decision.allowed) {
        next(rateLimitError('SECONDLY', headers));
        return;
      }
      next();
      return;
    }
    const decision = general.take(key);
    const headers = headersFor(decision);
    res.set(headers);
    if (!decision.allowed) {
      // HubSpot sends no Retry-After: clients wait out the window from the headers above.
      next(rateLimitError('TEN_SECONDLY_ROLLING', headers));
      return;
    }
    next();
  };
}
