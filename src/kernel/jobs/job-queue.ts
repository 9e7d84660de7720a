import PgBoss from 'pg-boss';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/db-schema.ts';
import type { Database } from '../db/open-database.ts';
import { executorForTransaction } from '../db/sql-executor.ts';
import type { Logger } from '../logging/logger.ts';

export interface QueueDefinition {
  name: string;
  /** Attempts after the first one; pg-boss moves the job to `<name>.dead` after the last. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** 'singleton' coalesces: at most one queued job per singletonKey. */
  policy?: 'standard' | 'singleton' | 'stately';
}

export interface SendOptions {
  /** Write the job in this transaction (outbox): it exists iff the transaction commits. */
  trx?: Kysely<DatabaseSchema>;
  singletonKey?: string;
  startAfterSeconds?: number;
}

export interface JobHandlerContext {
  id: string;
  name: string;
}

export type JobHandler<T> = (data: T, context: JobHandlerContext) => Promise<void>;

export interface JobQueue {
  start(): Promise<void>;
  /** Stops fetching, waits up to `timeoutMs` for in-flight jobs; unfinished ones are retried later. */
  stop(timeoutMs: number): Promise<void>;
  defineQueue(definition: QueueDefinition): Promise<void>;
  send<T extends object>(queue: string, data: T, options?: SendOptions): Promise<string | null>;
  work<T extends object>(
    queue: string,
    handler: JobHandler<T>,
    options?: { batchSize?: number; pollingIntervalSeconds?: number },
  ): Promise<string>;
  /**
   * A recurring job (pg-boss cron schedule, UTC): `cron` as five fields, e.g. '15 2 * * *' daily at 02:15.
   * Re-registering the same queue replaces its schedule, so every process can call it at start.
   */
  schedule(queue: string, cron: string, data?: object): Promise<void>;
  /** Counts by state, for health and tests. */
  counts(queue: string): Promise<Record<string, number>>;
}

/** Seconds between pg-boss's checks for expired active jobs (its default is 60). */
export const SUPERVISE_INTERVAL_SECONDS = 10;

/** pg-boss 11 on our database: PGlite through its `db.executeSql` adapter, PostgreSQL natively. */
export function createJobQueue(options: { database: Database; databaseUrl?: string; logger: Logger }): JobQueue {
  const { database, logger } = options;
  // How soon a job of a killed worker is noticed: pg-boss fails active jobs past their queue's
  // expireInSeconds when it supervises (default every 60 s); every 10 s keeps recovery close to the
  // queue's expiry (pg-boss docs "Queues: expireInSeconds", "Maintenance: superviseIntervalSeconds").
  const supervision = {
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
  };
  const boss =
    database.kind === 'postgres' && options.databaseUrl
      ? new PgBoss({ connectionString: options.databaseUrl, schema: database.jobSchema, max: 4, ...supervision })
      : new PgBoss({ db: database.executor, schema: database.jobSchema, ...supervision });
  boss.on('error', (error: Error) => logger.error({ err: error }, 'job queue error'));
  let started = false;

  return {
    async start() {
      await boss.start();
      started = true;
    },
    async stop(timeoutMs) {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: database.kind === 'postgres' });
    },
    async defineQueue(definition) {
      const dead = `${definition.name}.dead`;
      if (!(await boss.getQueue(dead))) await boss.createQueue(dead);
      const queueOptions = {
        policy: definition.policy ?? 'standard',
        retryLimit: definition.retryLimit ?? 5,
        retryDelay: definition.retryDelaySeconds ?? 5,
        retryBackoff: true,
        expireInSeconds: definition.expireInSeconds ?? 300,
        deadLetter: dead,
      } as const;
      if (await boss.getQueue(definition.name)) {
        // pg-boss refuses `policy` in updateQueue (fixed at creation), even when unchanged.
        const { policy: _policy, ...updatable } = queueOptions;
        await boss.updateQueue(definition.name, updatable);
      } else await boss.createQueue(definition.name, queueOptions);
      // Warm pg-boss's queue cache now: on a cache miss `send` looks the queue up through its
      // main connection, and on PGlite (one connection) a transaction holding it would wait forever.
      await boss.getQueueStats(dead);
      await boss.getQueueStats(definition.name);
    },
    async send(queue, data, sendOptions = {}) {
      return boss.send(queue, data, {
        ...(sendOptions.trx ? { db: executorForTransaction(sendOptions.trx) } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
    },
    async work(queue, handler, workOptions = {}) {
      return boss.work(
        queue,
        { batchSize: workOptions.batchSize ?? 1, pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 1 },
        async (jobs) => {
          // A batch fails as a whole in pg-boss; handlers are idempotent so a retried batch is safe.
          for (const job of jobs)
            await handler(job.data as Parameters<typeof handler>[0], { id: job.id, name: job.name });
        },
      );
    },
    async schedule(queue, cron, data = {}) {
      await boss.schedule(queue, cron, data, { tz: 'UTC' });
    },
    async counts(queue) {
      const result = await database.executor.executeSql(
        `select state, count(*)::int as n from ${database.jobSchema}.job where name = $1 group by state`,
        [queue],
      );
      return Object.fromEntries((result.rows as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
    },
  };
}
