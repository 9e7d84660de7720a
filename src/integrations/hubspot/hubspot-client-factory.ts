import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { Logger } from '../../kernel/logging/logger.ts';
import { HubSpotCallLog } from './hubspot-call-log.ts';
import { HubSpotPortalClient } from './hubspot-portal-client.ts';
import { RollingWindowLimiter, systemLimiterClock, type LimiterClock } from './hubspot-rate-limiter.ts';
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from './hubspot-retry-policy.ts';
import type { TokenProvider } from './token-provider.ts';

export interface HubSpotClientsOptions {
  /** config.hubspot.apiBaseUrl, or the running sandbox's URL in sandbox mode. */
  basePath: string;
  tokens: TokenProvider;
  logger: Logger;
  /** Requests per portal per window (config HUBSPOT_RATE_LIMIT_PER_10S). */
  rateLimitPerWindow: number;
  /** HubSpot's window is 10 s; benchmarks may shrink it together with the sandbox's. */
  windowMs?: number;
  /** Search lane (HubSpot: 5 per second). */
  searchPerSecond?: number;
  retry?: Partial<RetrySettings>;
  /** A call with no answer after this long counts as a network error. */
  timeoutMs?: number;
  clock?: LimiterClock;
  random?: () => number;
}

/** Every portal's HubSpot client, created on first use and kept (its limiter state lives in it). */
export interface HubSpotClients {
  forPortal(portalId: PortalId): HubSpotPortalClient;
  callLog: HubSpotCallLog;
}

export function createHubSpotClients(options: HubSpotClientsOptions): HubSpotClients {
  const clock = options.clock ?? systemLimiterClock;
  const callLog = new HubSpotCallLog(options.logger);
  const clients = new Map<number, HubSpotPortalClient>();
  const retry = { ...DEFAULT_RETRY_SETTINGS, ...options.retry };
  return {
    callLog,
    forPortal(portalId) {
      let client = clients.get(portalId);
      if (!client) {
        client = new HubSpotPortalClient({
          portalId,
          basePath: options.basePath,
          tokens: options.tokens,
          general: new RollingWindowLimiter(
            { maxRequests: options.rateLimitPerWindow, windowMs: options.windowMs ?? 10_000 },
            clock,
          ),
          search: new RollingWindowLimiter({ maxRequests: options.searchPerSecond ?? 5, windowMs: 1_000 }, clock),
          callLog,
          clock,
          retry,
          timeoutMs: options.timeoutMs ?? 30_000,
          random: options.random ?? Math.random,
        });
        clients.set(portalId, client);
      }
      return client;
    },
  };
}
