/**
 * What to do after a failed HubSpot call (HubSpot docs "API usage guidelines and limits"). Pure: the caller supplies the outcome,
 * the attempt number and a random source.
 * - 429 TEN_SECONDLY_ROLLING / SECONDLY: retry after `Retry-After` when sent, else after
 *   HubSpot's interval header or an exponential back-off; DAILY: give up (the budget is gone).
 * - 5xx and network errors/timeouts: exponential back-off with jitter, only for calls that are
 *   safe to repeat (a timed-out create may have happened: the sync engine reconciles instead).
 * - 423 (locked): wait at least 2 s (HubSpot docs "API usage guidelines and limits"), then back off.
 * - every other 4xx: no retry, the request itself is wrong.
 */
export type CallOutcome =
  | { kind: 'status'; status: number; body: unknown; headers: { get(name: string): string | null } }
  | { kind: 'network'; message: string };

export type RetryDecision =
  { retry: false; reason: string } | { retry: true; delayMs: number; reason: string; pausePortal: boolean };

export interface RetrySettings {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** HubSpot asks for at least 2 s after a 423 (HubSpot docs "API usage guidelines and limits"). */
export const LOCKED_MIN_DELAY_MS = 2_000;

function policyName(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('policyName' in body)) return undefined;
  const value = (body as { policyName: unknown }).policyName;
  return typeof value === 'string' ? value : undefined;
}

/** Exponential back-off with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffMs(retryNumber: number, settings: RetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retryNumber - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function retryAfterMs(headers: { get(name: string): string | null }): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * @param retryNumber the retry this decision is about (1 = first retry)
 * @param idempotent whether repeating the request cannot apply it twice
 */
export function decideRetry(
  outcome: CallOutcome,
  retryNumber: number,
  options: { idempotent: boolean; settings?: RetrySettings; random?: () => number },
): RetryDecision {
  const settings = options.settings ?? DEFAULT_RETRY_SETTINGS;
  const random = options.random ?? Math.random;
  if (retryNumber > settings.maxRetries) return { retry: false, reason: 'retries exhausted' };
  if (outcome.kind === 'network') {
    if (!options.idempotent)
      return { retry: false, reason: `network error on a non-idempotent call: ${outcome.message}` };
    return { retry: true, delayMs: backoffMs(retryNumber, settings, random), reason: 'network', pausePortal: false };
  }
  const { status } = outcome;
  if (status === 429) {
    const policy = policyName(outcome.body);
    if (policy === 'DAILY') return { retry: false, reason: 'daily limit reached' };
    const told = retryAfterMs(outcome.headers);
    if (told !== undefined) return { retry: true, delayMs: told, reason: '429 Retry-After', pausePortal: true };
    if (policy === 'SECONDLY') return { retry: true, delayMs: 1_000, reason: '429 SECONDLY', pausePortal: true };
    // The rolling window frees slots continuously; start at 1 s and grow, never past the window.
    const delay = Math.min(10_000, backoffMs(retryNumber, { ...settings, baseDelayMs: 1_000 }, random));
    return { retry: true, delayMs: delay, reason: `429 ${policy ?? 'unknown policy'}`, pausePortal: true };
  }
  if (status === 423) {
    return {
      retry: true,
      delayMs: Math.max(LOCKED_MIN_DELAY_MS, backoffMs(retryNumber, settings, random)),
      reason: '423 locked',
      pausePortal: false,
    };
  }
  if (status >= 500) {
    if (!options.idempotent) return { retry: false, reason: `${status} on a non-idempotent call` };
    return { retry: true, delayMs: backoffMs(retryNumber, settings, random), reason: `${status}`, pausePortal: false };
  }
  return { retry: false, reason: `${status} is not retryable` };
}
