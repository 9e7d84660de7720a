/** Time source and sleeper, injectable so tests drive the limiter without real waiting. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemLimiterClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RateLimitLane {
  maxRequests: number;
  windowMs: number;
}

/**
 * One portal's rolling-window budget (HubSpot counts requests per portal per rolling 10 s,
 * HubSpot docs "API usage guidelines and limits"). A slot is held from the moment a call is sent until it completes and then for a
 * whole window after completion: HubSpot counts the request when it arrives, which is somewhere
 * between our send and our receipt, so counting from completion can never run ahead of HubSpot's
 * own window (counting from send would let latency push the 111th call into a full window).
 * Waiters are served in arrival order.
 */
export class RollingWindowLimiter {
  readonly #lane: RateLimitLane;
  readonly #clock: LimiterClock;
  /** Completion times of calls still inside the window. */
  #completed: number[] = [];
  #inFlight = 0;
  #pausedUntil = 0;
  #turn: Promise<void> = Promise.resolve();

  constructor(lane: RateLimitLane, clock: LimiterClock = systemLimiterClock) {
    this.#lane = lane;
    this.#clock = clock;
  }

  /** Waits for a slot; call the returned function when the request has completed (or failed). */
  acquire(): Promise<() => void> {
    const granted = this.#turn.then(() => this.#waitForSlot());
    this.#turn = granted.then(
      () => undefined,
      () => undefined,
    );
    return granted.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.#inFlight -= 1;
        this.#completed.push(this.#clock.now());
      };
    });
  }

  /** HubSpot said 429 (another process of this app may share the portal's budget): hold every call. */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
  }

  /** Slots in use now (in flight + completed within the window). */
  used(): number {
    this.#expire(this.#clock.now());
    return this.#inFlight + this.#completed.length;
  }

  async #waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      if (now < this.#pausedUntil) {
        await this.#clock.sleep(this.#pausedUntil - now);
        continue;
      }
      this.#expire(now);
      if (this.#inFlight + this.#completed.length < this.#lane.maxRequests) {
        this.#inFlight += 1;
        return;
      }
      const oldest = this.#completed[0];
      // Every slot is in flight: wait a little for one to complete.
      const wait = oldest === undefined ? 5 : oldest + this.#lane.windowMs - now + 1;
      await this.#clock.sleep(Math.max(1, wait));
    }
  }

  #expire(now: number): void {
    let drop = 0;
    while (drop < this.#completed.length && (this.#completed[drop] ?? 0) + this.#lane.windowMs <= now) drop += 1;
    if (drop > 0) this.#completed.splice(0, drop);
  }
}
