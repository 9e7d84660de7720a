import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * Errors inside the sandbox answer with HubSpot's own error shapes, never the app's
 * `{ error: { code } }` body: the code under test must cope with what HubSpot really sends.
 * Base shape (HubSpot "Error handling" docs): `{ status: "error", message, correlationId, category,
 * subCategory?, context?, errors?: [{ message, code?, in?, context? }], links? }`.
 * Rate-limit bodies use `errorType`/`policyName` instead, OAuth bodies `error`/`error_description`.
 */
export type HubSpotErrorPayload = Record<string, unknown>;

export interface HubSpotErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export class HubSpotApiError extends Error {
  readonly status: number;
  readonly body: HubSpotErrorPayload;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: HubSpotErrorPayload, headers: Record<string, string> = {}) {
    super(typeof body.message === 'string' ? body.message : `HubSpot sandbox error ${status}`);
    this.name = 'HubSpotApiError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function correlationId(): string {
  return randomUUID();
}

interface ErrorExtras {
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: HubSpotErrorDetail[];
  links?: Record<string, string>;
}

/** `{ status: "error", message, correlationId, category, ... }` with the given HTTP status. */
export function hubSpotError(
  status: number,
  category: string,
  message: string,
  extras: ErrorExtras = {},
): HubSpotApiError {
  return new HubSpotApiError(status, { status: 'error', message, correlationId: correlationId(), category, ...extras });
}

export function validationError(message: string, extras: ErrorExtras = {}): HubSpotApiError {
  return hubSpotError(400, 'VALIDATION_ERROR', message, extras);
}

/** HubSpot's 404 for a record id that does not exist (its message really has two spaces). */
export function objectNotFound(id: string): HubSpotApiError {
  return hubSpotError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', {
    context: { id: [id] },
  });
}

export function resourceNotFound(message: string): HubSpotApiError {
  return hubSpotError(404, 'OBJECT_NOT_FOUND', message);
}

export function alreadyExists(message: string, context?: Record<string, string[]>): HubSpotApiError {
  return hubSpotError(409, 'OBJECT_ALREADY_EXISTS', message, context ? { context } : {});
}

/** The batch limit message follows HubSpot's wording for other batch caps ("The maximum number of inputs ..."). */
export function batchLimitError(max: number, received: number): HubSpotApiError {
  return validationError(
    `The maximum number of inputs supported in a batch request is ${max}. Please reduce the number of items and try again`,
    { context: { inputs: [String(received)] } },
  );
}

/** 401 exactly as HubSpot words it for a missing or unknown token. */
export function invalidAuthentication(): HubSpotApiError {
  return hubSpotError(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );
}

export function expiredAuthentication(secondsAgo: number): HubSpotApiError {
  return hubSpotError(
    401,
    'EXPIRED_AUTHENTICATION',
    `The OAuth token used to make this call expired ${secondsAgo} second(s) ago.`,
  );
}

/** 403 MISSING_SCOPES, HubSpot's answer when the token lacks a granular scope. */
export function missingScopes(requiredScopes: string[]): HubSpotApiError {
  return hubSpotError(
    403,
    'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: requiredScopes },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  );
}

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY';

/** 429 body (HubSpot docs "API usage guidelines and limits"): `{ status, message, errorType: "RATE_LIMIT", correlationId, policyName }`. */
export function rateLimitError(policyName: RateLimitPolicy, headers: Record<string, string> = {}): HubSpotApiError {
  const message =
    policyName === 'TEN_SECONDLY_ROLLING'
      ? 'You have reached your ten_secondly_rolling limit.'
      : 'You have reached your secondly limit.';
  return new HubSpotApiError(
    429,
    { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: correlationId(), policyName },
    headers,
  );
}

/** OAuth endpoints answer `{ status: "BAD_REFRESH_TOKEN", message, correlationId, error: "invalid_grant", error_description }`. */
export function oauthError(status: string, error: string, message: string): HubSpotApiError {
  return new HubSpotApiError(400, {
    status,
    message,
    correlationId: correlationId(),
    error,
    error_description: message,
  });
}

interface HttpErrorLike {
  status?: unknown;
  type?: unknown;
}

function asHttpErrorLike(error: unknown): HttpErrorLike {
  return typeof error === 'object' && error !== null ? (error as HttpErrorLike) : {};
}

/** Express error handler: HubSpot-shaped bodies for everything, never a stack trace. */
export function hubSpotErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof HubSpotApiError) {
    res.set(error.headers).status(error.status).json(error.body);
    return;
  }
  const like = asHttpErrorLike(error);
  if (like.type === 'entity.too.large') {
    res.status(413).json(hubSpotError(413, 'VALIDATION_ERROR', 'Request body is too large').body);
    return;
  }
  res.status(500).json(hubSpotError(500, 'INTERNAL_ERROR', 'internal error').body);
}
