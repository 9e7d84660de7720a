import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors/app-error.ts';

export interface IpRateLimitOptions {
  /** Requests allowed per client address per window. */
  limit: number;
  windowMs: number;
  now: () => number;
  /** Distinguishes several limited routes in logs and errors. */
  name: string;
}

/**
 * A fixed-window limit per client address (the socket's: `trust proxy` is off, so X-Forwarded-For
 * cannot pick the bucket). For unsigned public routes that make HubSpot calls with the app's
 * credentials (/oauth/install, /oauth/callback): past the limit they answer 429 with Retry-After
 * (RFC 6585 "429 Too Many Requests") before any work. In memory, per process: enough to stop a
 * flood from one address without a shared store.
 */
export function perIpRateLimit(options: IpRateLimitOptions): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req: Request, _res: Response, next: NextFunction) => {
    const now = options.now();
    const key = req.socket.remoteAddress ?? 'unknown';
    let window = windows.get(key);
    if (!window || now - window.start >= options.windowMs) {
      if (windows.size > 10_000) {
        for (const [address, entry] of windows) if (now - entry.start >= options.windowMs) windows.delete(address);
      }
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > options.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.start + options.windowMs - now) / 1000));
      throw new AppError('rate-limited', 'RATE_LIMITED', `Too many ${options.name} requests from this address`, {
        retryAfterSeconds,
      });
    }
    next();
  };
}
