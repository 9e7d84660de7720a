import { signV1, signV3 } from '../../src/kernel/http/hubspot-signature.ts';
import type { SandboxClock } from './sandbox-clock.ts';
import type { WebhookEvent } from './sandbox-webhook-events.ts';

/**
 * Delivers webhook events the way HubSpot does (HubSpot docs "Webhooks API"): POST of a JSON array of at most 100
 * events, signed v3 (`X-HubSpot-Signature-v3` over method + URI + body + `X-HubSpot-Request-Timestamp`)
 * and v1, at most `maxConcurrentRequests` in flight, retried when the connection fails, the answer
 * takes longer than the timeout (5 s) or is not 2xx. Each retry re-sends the batch with
 * `attemptNumber` raised by one and a fresh signature. HubSpot spreads 10 retries over ~24 h; the
 * sandbox compresses that schedule (`retryDelaysMs`).
 */
export interface WebhookTarget {
  url: string;
  clientSecret: string;
  appId: number;
}

export interface WebhookDeliveryOptions {
  maxBatchSize?: number;
  maxConcurrentRequests?: number;
  /** How long events gather before a batch goes out. */
  batchDelayMs?: number;
  timeoutMs?: number;
  /** Delay before retry n (1-based index into the list; the last entry repeats). */
  retryDelaysMs?: number[];
  maxAttempts?: number;
}

export interface DeliveryRecord {
  attemptNumber: number;
  eventIds: number[];
  status: number | 'error';
  error?: string;
  at: number;
}

interface Batch {
  events: WebhookEvent[];
  attemptNumber: number;
}

const DEFAULTS: Required<WebhookDeliveryOptions> = {
  maxBatchSize: 100,
  maxConcurrentRequests: 10,
  batchDelayMs: 50,
  timeoutMs: 5000,
  retryDelaysMs: [1000, 2000, 5000, 10_000, 30_000, 60_000],
  maxAttempts: 10,
};
const MAX_LOG = 1000;

export class WebhookDispatcher {
  private readonly target: WebhookTarget;
  private readonly clock: SandboxClock;
  private readonly options: Required<WebhookDeliveryOptions>;
  private pending: WebhookEvent[] = [];
  private readonly ready: Batch[] = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private batchTimer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private readonly log: DeliveryRecord[] = [];
  private stopped = false;

  constructor(target: WebhookTarget, clock: SandboxClock, options: WebhookDeliveryOptions = {}) {
    this.target = target;
    this.clock = clock;
    this.options = { ...DEFAULTS, ...options };
  }

  enqueue(events: WebhookEvent[]): void {
    if (this.stopped || events.length === 0) return;
    this.pending.push(...events);
    if (!this.batchTimer) {
      this.batchTimer = setTimeout(() => this.cut(), this.options.batchDelayMs);
      this.batchTimer.unref();
    }
  }

  /** Sends what is waiting now and resolves once nothing is pending, in flight or awaiting a retry. */
  flush(): Promise<void> {
    this.cut();
    return this.idle();
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  deliveries(): DeliveryRecord[] {
    return [...this.log];
  }

  stop(): void {
    this.stopped = true;
    if (this.batchTimer) clearTimeout(this.batchTimer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.pending = [];
    this.ready.length = 0;
    this.settle();
  }

  private cut(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    while (this.pending.length > 0) {
      this.ready.push({ events: this.pending.splice(0, this.options.maxBatchSize), attemptNumber: 0 });
    }
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.options.maxConcurrentRequests && this.ready.length > 0) {
      const batch = this.ready.shift();
      if (!batch) break;
      this.inFlight += 1;
      void this.deliver(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
        this.settle();
      });
    }
    this.settle();
  }

  private async deliver(batch: Batch): Promise<void> {
    const body = JSON.stringify(batch.events.map((event) => ({ ...event, attemptNumber: batch.attemptNumber })));
    const timestamp = String(this.clock.now());
    const headers = {
      'Content-Type': 'application/json',
      'X-HubSpot-Signature-v3': signV3({
        clientSecret: this.target.clientSecret,
        method: 'POST',
        uri: this.target.url,
        rawBody: body,
        timestamp,
      }),
      'X-HubSpot-Request-Timestamp': timestamp,
      'X-HubSpot-Signature': signV1(this.target.clientSecret, body),
      'X-HubSpot-Signature-Version': 'v1',
    };
    const record: DeliveryRecord = {
      attemptNumber: batch.attemptNumber,
      eventIds: batch.events.map((event) => event.eventId),
      status: 'error',
      at: Date.now(),
    };
    try {
      const response = await fetch(this.target.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer();
      record.status = response.status;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    this.log.push(record);
    if (this.log.length > MAX_LOG) this.log.shift();
    const delivered = typeof record.status === 'number' && record.status >= 200 && record.status < 300;
    if (!delivered) this.scheduleRetry(batch);
  }

  private scheduleRetry(batch: Batch): void {
    const attemptNumber = batch.attemptNumber + 1;
    if (this.stopped || attemptNumber >= this.options.maxAttempts) return;
    const delays = this.options.retryDelaysMs;
    const delay = delays[Math.min(attemptNumber - 1, delays.length - 1)] ?? 0;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.ready.push({ events: batch.events, attemptNumber });
      this.pump();
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private isIdle(): boolean {
    return (
      this.pending.length === 0 &&
      this.ready.length === 0 &&
      this.inFlight === 0 &&
      this.retryTimers.size === 0 &&
      !this.batchTimer
    );
  }

  private settle(): void {
    if (!this.isIdle() && !this.stopped) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
