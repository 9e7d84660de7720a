import { loadConfig } from '../../kernel/config/app-config.ts';
import type { Database } from '../../kernel/db/open-database.ts';
import { createDomainEvents, type DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { createJobQueue } from '../../kernel/jobs/job-queue.ts';
import { createLogger } from '../../kernel/logging/logger.ts';
import { APP_MODULES } from '../../main/app-modules.ts';
import type { CliIo } from '../cli-command.ts';

/**
 * Domain events for a CLI command that issues or pays invoices: the same outbox queues and
 * subscriptions as the server, so `invoice.issued` published by `cpq invoices run` reaches the
 * HubSpot sync exactly as the daily schedule's would.
 */
export async function withDomainEvents<T>(
  io: CliIo,
  database: Database,
  body: (events: DomainEvents) => Promise<T>,
): Promise<T> {
  const config = loadConfig(io.env);
  const jobs = createJobQueue({
    database,
    databaseUrl: config.database.kind === 'postgres' ? config.database.url : undefined,
    logger: createLogger({ level: 'silent' }),
  });
  await jobs.start();
  try {
    const events = createDomainEvents(jobs);
    for (const module of APP_MODULES) {
      for (const queue of module.queues ?? []) await jobs.defineQueue(queue);
      for (const subscription of module.subscriptions ?? []) events.subscribe(subscription);
    }
    return await body(events);
  } finally {
    await jobs.stop(5000);
  }
}
