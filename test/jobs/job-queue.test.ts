import { sql } from 'kysely';
import { createJobQueue, type JobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

const QUEUE = 'test.outbox';

describe(`job queue on ${DATABASE_LABEL}`, () => {
  let database: TestDatabase;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = createJobQueue({ database, databaseUrl: database.url, logger: createLogger({ level: 'silent' }) });
    await queue.start();
    await queue.defineQueue({ name: QUEUE, retryLimit: 2, retryDelaySeconds: 1 });
  });

  afterAll(async () => {
    await queue.stop(2000);
    await database.drop();
  });

  async function auditCount(action: string): Promise<number> {
    const row = await database.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('portal_id', '=', 1)
      .where('action', '=', action)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async function jobCount(marker: string): Promise<number> {
    const result = await database.executor.executeSql(
      `select count(*)::int as n from ${database.jobSchema}.job where name = $1 and data->>'marker' = $2`,
      [QUEUE, marker],
    );
    return (result.rows[0] as { n: number }).n;
  }

  test('outbox: a job sent inside a committed transaction exists exactly once with the data change', async () => {
    await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('audit_log')
        .values({ portal_id: 1, actor_kind: 'system', action: 'commit-me', entity_type: 'test', details: '{}' })
        .execute();
      await queue.send(QUEUE, { marker: 'committed' }, { trx });
    });
    expect(await auditCount('commit-me')).toBe(1);
    expect(await jobCount('committed')).toBe(1);
  });

  test('outbox: a rolled-back transaction leaves neither the data change nor the job', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('audit_log')
          .values({ portal_id: 1, actor_kind: 'system', action: 'roll-me-back', entity_type: 'test', details: '{}' })
          .execute();
        await queue.send(QUEUE, { marker: 'rolled-back' }, { trx });
        throw new Error('crash between write and commit');
      }),
    ).rejects.toThrow('crash between write and commit');
    expect(await auditCount('roll-me-back')).toBe(0);
    expect(await jobCount('rolled-back')).toBe(0);
  });

  test('a worker receives the job data and completes it', async () => {
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      void queue.work<{ marker: string }>(
        QUEUE,
        async (data) => {
          seen.push(data.marker);
          if (data.marker === 'worked') resolve();
        },
        { pollingIntervalSeconds: 0.5 },
      );
    });
    await queue.send(QUEUE, { marker: 'worked' });
    await done;
    expect(seen).toContain('worked');
  });

  test('shutdown lets an in-flight job finish: it completes and is not run again', async () => {
    const queueName = 'test.shutdown';
    const second = createJobQueue({ database, databaseUrl: database.url, logger: createLogger({ level: 'silent' }) });
    await second.start();
    await second.defineQueue({ name: queueName, retryLimit: 2 });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const finished: string[] = [];
    await second.work<{ marker: string }>(
      queueName,
      async (data) => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished.push(data.marker);
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await second.send(queueName, { marker: 'in-flight' });
    await running;
    await second.stop(5000);
    expect(finished).toEqual(['in-flight']);
    expect(await queue.counts(queueName)).toEqual({ completed: 1 });
  });
});
