import type { AppModule } from '../../kernel/app-module.ts';
import { toPortalId } from '../../kernel/db/portal-id.ts';
import { DOMAIN_EVENT_SCHEMAS } from '../../kernel/jobs/domain-event-payloads.ts';
import { syncCatalogFromHubSpot } from './hubspot-catalog-sync.ts';
import { catalogRouter } from './catalog-routes.ts';

/** The catalog's first import of a portal's HubSpot product library, queued at install (outbox). */
export const CATALOG_SYNC_QUEUE = 'catalog.sync-from-hubspot';

/**
 * The catalog module: imports the HubSpot product library when a portal installs (the product
 * webhooks keep it current afterwards). The job is idempotent: a retry or a re-install re-reads
 * the library and writes only what changed.
 */
export const catalogModule: AppModule = {
  name: 'catalog',
  apiRouters: (deps) => [catalogRouter(deps.database.db)],
  // Long libraries: 10,000 products are 100 pages, about 10 s at 110 requests per 10 s.
  queues: [{ name: CATALOG_SYNC_QUEUE, retryLimit: 5, retryDelaySeconds: 30, expireInSeconds: 1800 }],
  subscriptions: [{ event: 'portal.installed', queue: CATALOG_SYNC_QUEUE }],
  async startWorkers(deps) {
    await deps.jobs.work<object>(CATALOG_SYNC_QUEUE, async (job) => {
      const { portalId } = DOMAIN_EVENT_SCHEMAS['portal.installed'].parse(job);
      const id = toPortalId(portalId);
      const report = await syncCatalogFromHubSpot({
        db: deps.database.db,
        client: deps.hubspot.forPortal(id),
        portalId: id,
      });
      deps.logger.info({ portalId, ...report, skuTaken: report.skuTaken.length }, 'catalog synced from HubSpot');
    });
  },
};
