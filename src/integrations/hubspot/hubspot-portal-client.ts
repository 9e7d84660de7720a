import { Client } from '@hubspot/api-client';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { assertOutsideTransaction } from '../../kernel/db/transaction-context.ts';
import { HubSpotApiError } from './hubspot-api-error.ts';
import type { HubSpotCallLog } from './hubspot-call-log.ts';
import type { LimiterClock, RollingWindowLimiter } from './hubspot-rate-limiter.ts';
import { decideRetry, type CallOutcome, type RetrySettings } from './hubspot-retry-policy.ts';
import type { TokenProvider } from './token-provider.ts';

export interface HubSpotRequest {
  /** Short name for logs and stats, e.g. `line_items.batch.create`. */
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Search has its own 5/s lane that does not count toward the 110 (HubSpot docs "API usage guidelines and limits"). */
  lane?: 'general' | 'search';
  /** False for creates: a 5xx or timeout may have applied them, so they are not repeated blindly. */
  idempotent?: boolean;
  /**
   * A token the caller fetched beforehand, used instead of asking the provider: a caller inside a
   * database transaction on PGlite (one connection) must not let the stored-token provider read
   * the database. A 401 then fails the call (retryable) instead of refreshing.
   */
  accessToken?: string;
}

export interface HubSpotResponse {
  status: number;
  body: unknown;
}

export interface PortalClientOptions {
  portalId: PortalId;
  basePath: string;
  tokens: TokenProvider;
  general: RollingWindowLimiter;
  search: RollingWindowLimiter;
  callLog: HubSpotCallLog;
  clock: LimiterClock;
  retry: RetrySettings;
  timeoutMs: number;
  random: () => number;
}

class RequestTimeout extends Error {}

/**
 * One portal's HubSpot client: its own `@hubspot/api-client` Client (no limiterOptions and no
 * numberOfApiCallRetries: the library's limiter/retry decorators are a process-wide singleton,
 * HubSpot docs "API usage guidelines and limits"), behind this portal's own limiter lanes and our retry policy. Answers with 2xx or
 * 207 come back; anything else ends in HubSpotApiError.
 */
export class HubSpotPortalClient {
  readonly portalId: PortalId;
  readonly #options: PortalClientOptions;
  readonly #client: Client;

  constructor(options: PortalClientOptions) {
    this.portalId = options.portalId;
    this.#options = options;
    this.#client = new Client({ basePath: options.basePath, numberOfApiCallRetries: 0 });
  }

  async request(request: HubSpotRequest): Promise<HubSpotResponse> {
    // A call may wait 30 s and retry 6 times: inside a transaction it would hold the database.
    assertOutsideTransaction(`HubSpot ${request.operation}`);
    const { clock, retry, random } = this.#options;
    const limiter = request.lane === 'search' ? this.#options.search : this.#options.general;
    let retried401 = false;
    for (let attempt = 1; ; attempt += 1) {
      const token = request.accessToken ?? (await this.#options.tokens.getAccessToken(this.portalId));
      const release = await limiter.acquire();
      const started = clock.now();
      let outcome: CallOutcome;
      try {
        outcome = await this.#send(request, token);
      } finally {
        release();
      }
      const status = outcome.kind === 'status' ? outcome.status : 0;
      this.#options.callLog.record({
        portalId: this.portalId,
        operation: request.operation,
        method: request.method,
        status,
        durationMs: clock.now() - started,
        attempt,
      });
      if (outcome.kind === 'status' && outcome.status < 300) return { status: outcome.status, body: outcome.body };
      if (outcome.kind === 'status' && outcome.status === 401 && !retried401 && request.accessToken === undefined) {
        // The token expired or was revoked: forget it and try once with a fresh one.
        this.#options.tokens.invalidate(this.portalId, token);
        retried401 = true;
        continue;
      }
      const decision = decideRetry(outcome, attempt, {
        idempotent: request.idempotent ?? true,
        settings: retry,
        random,
      });
      if (!decision.retry) {
        const transient = status === 0 || status === 429 || status === 423 || status >= 500;
        throw new HubSpotApiError({
          status,
          operation: request.operation,
          body: outcome.kind === 'status' ? outcome.body : undefined,
          retryable: transient,
          reason: decision.reason,
        });
      }
      if (decision.pausePortal) limiter.pauseFor(decision.delayMs);
      await clock.sleep(decision.delayMs);
    }
  }

  async #send(request: HubSpotRequest, token: string): Promise<CallOutcome> {
    // Set per call: the provider may have refreshed the token since the last one.
    this.#client.setAccessToken(token);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RequestTimeout(`no answer within ${this.#options.timeoutMs} ms`)),
        this.#options.timeoutMs,
      );
    });
    try {
      const response = await Promise.race([
        this.#client.apiRequest({
          method: request.method,
          path: request.path,
          ...(request.body === undefined ? {} : { body: request.body }),
        }),
        timeout,
      ]);
      const text = await Promise.race([response.text(), timeout]);
      let body: unknown = undefined;
      if (text.length > 0) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      return { kind: 'status', status: response.status, body, headers: response.headers };
    } catch (error) {
      return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
