export interface WaitForOptions {
  /**
   * Liveness bound: how long to keep polling before failing with `what`. It catches a condition that
   * never comes (a hung worker), never slowness, so keep it far above the usual time: a loaded machine
   * running two suites side by side must still pass.
   */
  timeoutMs?: number;
  /** Pause between polls. */
  intervalMs?: number;
  /** Named in the failure. */
  what?: string;
}

export const WAIT_FOR_DEFAULT_TIMEOUT_MS = 60_000;

type Falsy = undefined | null | false;

/**
 * Polls `check` until it returns a value other than undefined, null or false, and returns that value.
 * The one polling helper for tests (jobs settling, servers printing their URL): rows are asserted on
 * afterwards, never the time it took.
 */
export async function waitFor<T>(
  check: () => T | Falsy | Promise<T | Falsy>,
  options: WaitForOptions = {},
): Promise<Exclude<T, Falsy>> {
  const { timeoutMs = WAIT_FOR_DEFAULT_TIMEOUT_MS, intervalMs = 50, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as Exclude<T, Falsy>;
    if (Date.now() >= deadline) throw new Error(`waitFor: ${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
