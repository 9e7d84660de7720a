import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { isAppError } from '../../kernel/errors/app-error.ts';
import type { JobQueue } from '../../kernel/jobs/job-queue.ts';
import type { Logger } from '../../kernel/logging/logger.ts';
import { applyQuoteStatusEvent, quotesDueForExpiry } from '../quotes/index.ts';
import { todayIso } from './buyer/buyer-link-service.ts';

/** Daily at 00:15 UTC: quotes whose expiration date has passed become `expired`. */
export const QUOTE_EXPIRY_QUEUE = 'approvals.expire-quotes';
export const QUOTE_EXPIRY_CRON = '15 0 * * *';

/**
 * Expires every open quote past its expiration date, one transaction per quote (a failure leaves
 * the others done). Idempotent: an expired quote is no longer in the work list, and one that was
 * extended or changed meanwhile is refused by the status machine and skipped.
 */
export async function expireDueQuotes(deps: {
  db: Kysely<DatabaseSchema>;
  jobs: Pick<JobQueue, 'send'>;
  now: () => number;
  logger: Logger;
}): Promise<{ expired: number; skipped: number }> {
  const today = todayIso(deps.now());
  let expired = 0;
  let skipped = 0;
  for (;;) {
    const due = await quotesDueForExpiry(deps.db, today, 200);
    if (due.length === 0) break;
    let progressed = false;
    for (const { portalId, quoteId } of due) {
      try {
        await deps.db.transaction().execute(async (trx) => {
          const quote = await trx
            .selectFrom('quotes')
            .select('expiration_date')
            .where('portal_id', '=', portalId)
            .where('id', '=', quoteId)
            .executeTakeFirstOrThrow();
          await applyQuoteStatusEvent(deps, trx, portalId, quoteId, {
            event: { type: 'expire', today, expirationDate: quote.expiration_date },
            actor: { kind: 'system', userId: null },
          });
        });
        expired += 1;
        progressed = true;
      } catch (error) {
        if (!isAppError(error) || error.kind !== 'conflict') throw error;
        skipped += 1;
        deps.logger.info({ portalId, quoteId, code: error.code }, 'quote not expired');
      }
    }
    if (!progressed) break;
  }
  return { expired, skipped };
}
