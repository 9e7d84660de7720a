import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import { parseInput } from '../../../kernel/errors/parse-input.ts';
import type { JobQueue } from '../../../kernel/jobs/job-queue.ts';
import type { Logger } from '../../../kernel/logging/logger.ts';
import { WebhookBatchSchema } from './webhook-event-schema.ts';
import { storeWebhookBatch } from './webhook-intake.ts';
import { HUBSPOT_ERROR } from '../hubspot-error-codes.ts';

export interface WebhookIntakeOptions {
  db: Kysely<DatabaseSchema>;
  jobs: JobQueue;
  logger: Logger;
}

/**
 * `POST /webhooks/hubspot` (mounted under /webhooks, after the foundation's v3 signature check).
 * 400 on a malformed batch (nothing stored); otherwise the batch is stored with its jobs in one
 * transaction and answered 200 before any processing (HubSpot retries after 5 s or on non-2xx).
 * Events of a portal that is not installed are acknowledged and dropped with a log line: a retry
 * could not succeed, so a non-2xx answer would only make HubSpot retry for 24 h.
 */
export function webhookIntakeRouter(options: WebhookIntakeOptions): Router {
  const router = Router();
  router.post('/hubspot', async (req, res) => {
    const events = parseInput(WebhookBatchSchema, req.body, HUBSPOT_ERROR.WEBHOOK_BATCH_INVALID);
    const result = await storeWebhookBatch(options.db, options.jobs, events);
    if (result.dropped > 0) {
      options.logger.warn(
        { portals: result.droppedPortals, dropped: result.dropped },
        'webhook events for portals that are not installed dropped',
      );
    }
    if (result.rejected > 0) {
      options.logger.warn({ rejected: result.rejected }, 'webhook events with text the database cannot store rejected');
    }
    res.status(200).json({
      received: result.received,
      stored: result.stored,
      duplicates: result.duplicates,
      dropped: result.dropped,
      ...(result.rejected > 0 ? { rejected: result.rejected } : {}),
    });
  });
  return router;
}
