import type { AppDeps, AppModule } from '../../kernel/app-module.ts';
import { attributionComputeRouter, attributionReportRouter } from './attribution-routes.ts';
import {
  ATTRIBUTION_FACT_EVENTS,
  ATTRIBUTION_FACTS_QUEUE,
  refreshDealFacts,
  type DealAmountsPort,
} from './refresh-deal-facts.ts';

/**
 * Campaign-to-revenue attribution (docs/attribution.md). With an amounts port, deal facts are
 * refreshed by a job after every event that may change a deal's quoted, contracted, invoiced or
 * collected amount (never on a page view).
 */
export function createAttributionModule(options: { amounts?: (deps: AppDeps) => DealAmountsPort } = {}): AppModule {
  const { amounts } = options;
  return {
    name: 'attribution',
    queues: amounts
      ? [{ name: ATTRIBUTION_FACTS_QUEUE, retryLimit: 5, retryDelaySeconds: 10, expireInSeconds: 120 }]
      : [],
    subscriptions: amounts ? ATTRIBUTION_FACT_EVENTS.map((event) => ({ event, queue: ATTRIBUTION_FACTS_QUEUE })) : [],
    apiRouters: (deps) => [attributionComputeRouter(), attributionReportRouter(deps.database.db)],
    async startWorkers(deps) {
      if (!amounts) return;
      const port = amounts(deps);
      await deps.jobs.work(ATTRIBUTION_FACTS_QUEUE, async (data) => {
        await refreshDealFacts(deps.database.db, port, data);
      });
    },
  };
}

export const attributionModule: AppModule = createAttributionModule();
