import type { AppDeps, AppModule } from '../../../kernel/app-module.ts';
import { isAppError } from '../../../kernel/errors/app-error.ts';
import { HubSpotApiError } from '../hubspot-api-error.ts';
import { toPortalId } from '../../../kernel/db/portal-id.ts';
import { provisionPortal, recordProvisioning } from './hubspot-provisioning.ts';
import { PROVISION_QUEUE, type ProvisionJob } from './enqueue-provisioning.ts';
import { QUOTE_SYNC_QUEUE, type QuoteSyncJob } from './quote-sync-contract.ts';
import { syncQuote } from './quote-sync-engine.ts';
import { createDealSyncLock } from './deal-sync-lock.ts';

/** Parallel sync workers per process; each portal's own limiter paces them (HubSpot docs "API usage guidelines and limits"). */
const QUOTE_SYNC_WORKERS = 4;

/**
 * A failure a later attempt cannot change: a HubSpot 4xx other than 423/429 (after the client's one
 * 401 retry), or a portal without the app installed (PORTAL_NOT_INSTALLED). Retrying is noise.
 */
function isPermanent(error: unknown): boolean {
  if (error instanceof HubSpotApiError) return !error.retryable;
  return isAppError(error) && error.kind === 'forbidden';
}

/**
 * HubSpot sync: the quote sync queue (one queued + one running job per quote: 'stately' with a
 * singletonKey, so edits coalesce and writes for one quote never interleave) and the provisioning
 * queue. Needs `deps.quoteSyncSource` (the quote model); without it the sync worker is not started.
 */
export const hubspotSyncModule: AppModule = {
  name: 'hubspot-sync',
  queues: [
    { name: QUOTE_SYNC_QUEUE, policy: 'stately', retryLimit: 10, retryDelaySeconds: 1 },
    { name: PROVISION_QUEUE, policy: 'stately', retryLimit: 5, retryDelaySeconds: 5 },
  ],
  async startWorkers(deps: AppDeps) {
    const { database, hubspot, logger } = deps;
    await deps.jobs.work<ProvisionJob>(PROVISION_QUEUE, async (job) => {
      const portalId = toPortalId(job.portalId);
      try {
        const report = await provisionPortal(hubspot.forPortal(portalId));
        await recordProvisioning(database.db, portalId, 'done', report);
        logger.info({ portalId, report }, 'hubspot portal provisioned');
      } catch (error) {
        await recordProvisioning(database.db, portalId, 'failed', {
          error: error instanceof Error ? error.message : String(error),
        });
        if (!isPermanent(error)) throw error;
      }
    });
    const source = deps.quoteSyncSource;
    if (!source) {
      logger.warn('no quote sync source: HubSpot quote sync worker not started');
      return;
    }
    // One lock for all workers of the process: syncs writing one deal run one at a time.
    const dealLock = createDealSyncLock(database);
    for (let worker = 0; worker < QUOTE_SYNC_WORKERS; worker += 1) {
      await deps.jobs.work<QuoteSyncJob>(QUOTE_SYNC_QUEUE, async (job) => {
        try {
          const result = await syncQuote(
            { db: database.db, source, dealLock, clientFor: (portalId) => hubspot.forPortal(toPortalId(portalId)) },
            job,
          );
          logger.debug({ portalId: job.portalId, quoteId: job.quoteId, result }, 'quote synced');
        } catch (error) {
          logger.warn({ portalId: job.portalId, quoteId: job.quoteId, err: error }, 'quote sync failed');
          // The failure is recorded on the quote (hubspot_quote_sync.last_error) either way.
          if (!isPermanent(error)) throw error;
        }
      });
    }
  },
};
