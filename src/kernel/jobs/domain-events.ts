import type { JobQueue, SendOptions } from './job-queue.ts';

/**
 * Domain events between modules, delivered as jobs (one queue per subscriber), so a module that
 * publishes never writes another module's tables: `quote.accepted` -> contracts, `contract.created`
 * -> billing and revenue. Publishing with `{ trx }` is the outbox: each subscriber's job exists iff
 * the writing transaction commits. Subscribers must be idempotent (jobs are retried and may repeat).
 */
export interface DomainEventSubscription {
  /** Event name, `<module-noun>.<past-tense verb>`, e.g. `quote.accepted`. */
  event: string;
  /** The subscriber's own queue (defined in its AppModule `queues`), e.g. `contracts.quote-accepted`. */
  queue: string;
}

export interface DomainEvents {
  subscribe(subscription: DomainEventSubscription): void;
  publish<T extends object>(event: string, data: T, options?: Pick<SendOptions, 'trx'>): Promise<void>;
  subscribersOf(event: string): readonly string[];
}

export function createDomainEvents(jobs: Pick<JobQueue, 'send'>): DomainEvents {
  const queuesByEvent = new Map<string, string[]>();
  return {
    subscribe({ event, queue }) {
      const queues = queuesByEvent.get(event) ?? [];
      if (!queues.includes(queue)) queues.push(queue);
      queuesByEvent.set(event, queues);
    },
    async publish(event, data, options = {}) {
      for (const queue of queuesByEvent.get(event) ?? []) await jobs.send(queue, data, options);
    },
    subscribersOf(event) {
      return queuesByEvent.get(event) ?? [];
    },
  };
}
