/**
 * Time source for the sandbox. Tests inject a manual clock so rolling rate-limit windows, token
 * expiry (HubSpot access tokens live 1800 s) and record timestamps are reproducible.
 */
export interface SandboxClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: SandboxClock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements SandboxClock {
  private current: number;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}

/** HubSpot renders record timestamps as ISO-8601 with milliseconds, e.g. `2019-10-30T03:30:17.883Z`. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
