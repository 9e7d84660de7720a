import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError } from '../errors/app-error.ts';
import { toErrorBody } from '../errors/error-body.ts';
import { HTTP_STATUS_BY_KIND } from '../errors/error-status.ts';
import type { Logger } from '../logging/logger.ts';

interface HttpLikeError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** body-parser's own errors (too large, bad encoding) become our typed errors. */
function fromBodyParser(error: HttpLikeError): AppError | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return new AppError('payload-too-large', 'BODY_TOO_LARGE', 'Request body is too large');
    case 'entity.parse.failed':
      return new AppError('validation', 'INVALID_JSON', 'Body is not valid JSON', {
        issues: [{ path: '', message: 'Body is not valid JSON' }],
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported-media-type', 'ENCODING_UNSUPPORTED', 'Unsupported body encoding');
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError('validation', 'BODY_INCOMPLETE', 'Request body was incomplete');
    default:
      break;
  }
  // Express 5's router: a path parameter that is not valid percent-encoding (`/quotes/%ZZ`) is a
  // URIError with status 400 ("Failed to decode param").
  if (error instanceof URIError)
    return new AppError('validation', 'INVALID_PATH_PARAM', 'A path parameter is not valid percent-encoding', {
      issues: [{ path: 'path', message: 'not valid percent-encoding' }],
    });
  // body-parser's own 4xx without a type: e.g. a Content-Encoding body zlib cannot inflate.
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    if (error.status === 415)
      return new AppError('unsupported-media-type', 'BODY_UNREADABLE', 'Unsupported body encoding');
    return new AppError('validation', 'BODY_UNREADABLE', 'Request body could not be read (bad Content-Encoding data)', {
      issues: [{ path: '', message: 'body could not be decoded' }],
    });
  }
  return undefined;
}

/** One place maps errors to responses: status from the kind table, body per the public contract. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = isAppError(error) ? error : fromBodyParser(error as HttpLikeError);
    const status = appError ? HTTP_STATUS_BY_KIND[appError.kind] : 500;
    if (status >= 500) {
      logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    } else {
      logger.info({ code: appError?.code, method: req.method, path: req.path, status }, 'request rejected');
    }
    if (appError?.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(appError.retryAfterSeconds));
    if (res.headersSent) return;
    res.status(status).json(toErrorBody(appError ?? error));
  };
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError('not-found', 'ROUTE_NOT_FOUND', `No route for ${req.method} ${req.path}`);
};
