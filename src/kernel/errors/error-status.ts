import type { ErrorKind } from './app-error.ts';

/** The one table from error kind to HTTP status. */
export const HTTP_STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
};

/** CLI exit codes (public contract: 2 = invalid input). */
export const EXIT_CODE_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  validation: 2,
  unauthenticated: 3,
  forbidden: 3,
  'not-found': 4,
  conflict: 5,
  'payload-too-large': 2,
  'unsupported-media-type': 2,
  'rate-limited': 6,
  unavailable: 6,
  internal: 1,
};
