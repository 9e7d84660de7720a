import type { Logger } from '../../kernel/logging/logger.ts';

export interface HubSpotCallRecord {
  portalId: number;
  operation: string;
  method: string;
  /** HTTP status, or 0 for a network error/timeout. */
  status: number;
  durationMs: number;
  attempt: number;
}

export interface HubSpotCallStats {
  calls: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
}

/**
 * Every HubSpot call, logged with portal, operation, status and duration: never the token, the
 * URL's query or the body (HubSpot docs "Working with OAuth": tokens are secrets). Counts are kept for benchmarks.
 */
export class HubSpotCallLog {
  readonly #logger: Logger;
  #stats: HubSpotCallStats = { calls: 0, byStatus: {}, byOperation: {} };

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  record(call: HubSpotCallRecord): void {
    this.#stats.calls += 1;
    const status = String(call.status);
    this.#stats.byStatus[status] = (this.#stats.byStatus[status] ?? 0) + 1;
    this.#stats.byOperation[call.operation] = (this.#stats.byOperation[call.operation] ?? 0) + 1;
    const level = call.status === 0 || call.status >= 500 ? 'warn' : 'debug';
    this.#logger[level]({ hubspot: call }, 'hubspot call');
  }

  stats(): HubSpotCallStats {
    return {
      calls: this.#stats.calls,
      byStatus: { ...this.#stats.byStatus },
      byOperation: { ...this.#stats.byOperation },
    };
  }

  reset(): void {
    this.#stats = { calls: 0, byStatus: {}, byOperation: {} };
  }
}
