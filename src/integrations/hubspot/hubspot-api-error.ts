import { AppError } from '../../kernel/errors/app-error.ts';

/**
 * A HubSpot call that failed for good: a non-retryable answer or retries exhausted. `retryable`
 * says whether trying again later (a job retry) can help.
 */
export class HubSpotApiError extends AppError {
  readonly status: number;
  readonly operation: string;
  readonly body: unknown;
  readonly retryable: boolean;

  constructor(options: { status: number; operation: string; body: unknown; retryable: boolean; reason: string }) {
    const category = hubSpotCategory(options.body);
    super(
      options.status === 0 || options.status >= 500 || options.status === 429 ? 'unavailable' : 'conflict',
      'HUBSPOT_CALL_FAILED',
      `HubSpot ${options.operation} failed (${options.status === 0 ? 'network' : options.status}${category ? ` ${category}` : ''}): ${options.reason}`,
    );
    this.status = options.status;
    this.operation = options.operation;
    this.body = options.body;
    this.retryable = options.retryable;
  }
}

export function hubSpotCategory(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('category' in body)) return undefined;
  const value = (body as { category: unknown }).category;
  return typeof value === 'string' ? value : undefined;
}
