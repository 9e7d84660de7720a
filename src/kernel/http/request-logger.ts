import { pinoHttp } from 'pino-http';
import type { RequestHandler } from 'express';
import type { Logger } from '../logging/logger.ts';

/** One log line per request (method, path, status, duration); secrets redacted by the base logger. */
export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    // Query strings of signed card calls carry user emails; log the path only.
    serializers: {
      req: (req: { method: string; url: string; id: unknown }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?', 1)[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // A refused request (4xx) is the caller's mistake, often an unauthenticated probe: info, so a
    // flood of them cannot fill the warning log.
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
