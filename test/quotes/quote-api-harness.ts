import { Router } from 'express';
import { catalogRouter } from '../../src/modules/catalog/catalog-routes.ts';
import { importCatalog } from '../../src/modules/catalog/catalog-import.ts';
import { parseCatalogFile } from '../../src/modules/catalog/catalog-file-parser.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { createJobQueue, type JobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { accountPricingRouter } from '../../src/modules/quotes/account-pricing-routes.ts';
import { quoteRouter } from '../../src/modules/quotes/quote-routes.ts';
import { createQuoteService } from '../../src/modules/quotes/quote-service.ts';
import { createSyncStateReader } from '../../src/modules/quotes/quote-sync-state.ts';
import { QUOTE_SYNC_QUEUE } from '../../src/integrations/hubspot/sync/quote-sync-contract.ts';
import { settingsRouter } from '../../src/modules/settings/settings-routes.ts';
import { startHttpHarness, type HttpHarness } from '../support/http-harness.ts';

export const PORTAL = toPortalId(101);
export const USER = 7;

export interface QuoteApiHarness {
  http: HttpHarness;
  jobs: JobQueue;
  /** Signed card call as portal 101 / user 7 (HubSpot appends these to the query). */
  call(method: string, path: string, body?: unknown, portalId?: number): Promise<Response>;
  importProducts(json: string): Promise<void>;
  syncJobs(): Promise<Array<{ portalId: number; quoteId: string }>>;
  close(): Promise<void>;
}

/** The quote, catalog, account pricing and settings routers on the real signed HTTP stack with a job queue. */
export async function startQuoteApi(options: { portalId?: number } = {}): Promise<QuoteApiHarness> {
  const portal = toPortalId(options.portalId ?? PORTAL);
  let inner = Router();
  const late = Router();
  late.use((req, res, next) => inner(req, res, next));
  const http = await startHttpHarness({ apiRouters: [late] });
  const jobs = createJobQueue({
    database: http.database,
    databaseUrl: http.database.url,
    logger: createLogger({ level: 'silent' }),
  });
  await jobs.start();
  await jobs.defineQueue({ name: QUOTE_SYNC_QUEUE, policy: 'stately' });
  const service = createQuoteService({ db: http.database.db, jobs, now: () => http.now.value });
  inner = Router();
  inner.use(
    catalogRouter(http.database.db),
    accountPricingRouter(http.database.db),
    settingsRouter(http.database.db),
    quoteRouter(service, createSyncStateReader(http.database)),
  );
  return {
    http,
    jobs,
    call(method, path, body, portalId = portal) {
      const sep = path.includes('?') ? '&' : '?';
      return http.signedFetch(
        method,
        `/api${path}${sep}portalId=${portalId}&userId=${USER}`,
        body === undefined ? {} : { body: JSON.stringify(body) },
      );
    },
    async importProducts(json) {
      await importCatalog(http.database.db, portal, parseCatalogFile(json, 'json'), { partial: false });
    },
    async syncJobs() {
      const result = await http.database.executor.executeSql(
        `select data from ${http.database.jobSchema}.job where name = $1 order by created_on`,
        [QUOTE_SYNC_QUEUE],
      );
      return result.rows.map((r) => (r as { data: { portalId: number; quoteId: string } }).data);
    },
    async close() {
      await jobs.stop(2000);
      await http.close();
    },
  };
}
