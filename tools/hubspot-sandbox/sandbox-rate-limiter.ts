import type { SandboxClock } from './sandbox-clock.ts';

/**
 * Rolling-window request limiter keyed by portal. HubSpot gives a marketplace OAuth app 110
 * requests per rolling 10 seconds per installed account (policy TEN_SECONDLY_ROLLING), search
 * excluded; search has its own lane of 5 requests per second (HubSpot docs "API usage guidelines and limits").
 */
export interface RateLimitSettings {
  maxRequests: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  max: number;
  /** Requests left in the window after this one. */
  remaining: number;
  intervalMs: number;
  /** When allowed is false: ms until the oldest counted request leaves the window. */
  retryAfterMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { maxRequests: 110, windowMs: 10_000 };
export const DEFAULT_SEARCH_RATE_LIMIT: RateLimitSettings = { maxRequests: 5, windowMs: 1_000 };

export class RollingWindowRateLimiter {
  private readonly settings: RateLimitSettings;
  private readonly clock: SandboxClock;
  private readonly hits = new Map<string, number[]>();

  constructor(settings: RateLimitSettings, clock: SandboxClock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Counts one request for `key` if the window has room; a refused request is not counted. */
  take(key: string): RateLimitDecision {
    const now = this.clock.now();
    const window = this.prune(key, now);
    const { maxRequests, windowMs } = this.settings;
    if (window.length >= maxRequests) {
      const oldest = window[0] ?? now;
      return {
        allowed: false,
        max: maxRequests,
        remaining: 0,
        intervalMs: windowMs,
        retryAfterMs: Math.max(0, oldest + windowMs - now),
      };
    }
    window.push(now);
    return {
      allowed: true,
      max: maxRequests,
      remaining: maxRequests - window.length,
      intervalMs: windowMs,
      retryAfterMs: 0,
    };
  }

  /** The current state for `key` without counting a request. */
  peek(key: string): RateLimitDecision {
    const window = this.prune(key, this.clock.now());
    const { maxRequests, windowMs } = this.settings;
    return {
      allowed: window.length < maxRequests,
      max: maxRequests,
      remaining: Math.max(0, maxRequests - window.length),
      intervalMs: windowMs,
      retryAfterMs: 0,
    };
  }

  reset(): void {
    this.hits.clear();
  }

  private prune(key: string, now: number): number[] {
    const window = this.hits.get(key) ?? [];
    const cutoff = now - this.settings.windowMs;
    let drop = 0;
    while (drop < window.length && (window[drop] ?? now) <= cutoff) drop += 1;
    if (drop > 0) window.splice(0, drop);
    this.hits.set(key, window);
    return window;
  }
}
