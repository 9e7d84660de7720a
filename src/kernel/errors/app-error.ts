/**
 * Typed application errors. Each module names its own codes (e.g. `PRICING_REQUEST_INVALID`,
 * `SIGNATURE_STALE`); the *kind* decides the HTTP status and the CLI exit code, in one table
 * (`error-status.ts`). Messages of `internal` errors never reach a client.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

export interface ErrorIssue {
  /** Dotted path of the failing field, e.g. `lines.0.quantity`; `''` for the whole input. */
  path: string;
  message: string;
}

export interface AppErrorOptions {
  issues?: ErrorIssue[];
  cause?: unknown;
  /** Seconds a client should wait (429/503). */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly issues: ErrorIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: ErrorKind, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
