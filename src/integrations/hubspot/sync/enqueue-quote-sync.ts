import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { JobQueue } from '../../../kernel/jobs/job-queue.ts';
import { QUOTE_SYNC_QUEUE, type QuoteSyncJob } from './quote-sync-contract.ts';

/**
 * Enqueues a quote's sync in the caller's transaction (outbox: the job exists iff the change
 * commits). One queued job per quote (singletonKey on a 'stately' queue): ten edits in a second
 * are one sync, which reads the newest snapshot when it runs.
 */
export async function enqueueQuoteSync(jobs: JobQueue, job: QuoteSyncJob, trx?: Kysely<DatabaseSchema>): Promise<void> {
  await jobs.send<QuoteSyncJob>(
    QUOTE_SYNC_QUEUE,
    { portalId: job.portalId, quoteId: job.quoteId },
    {
      ...(trx ? { trx } : {}),
      singletonKey: quoteSyncKey(job),
    },
  );
}

export function quoteSyncKey(job: QuoteSyncJob): string {
  return `${job.portalId}:${job.quoteId}`;
}
