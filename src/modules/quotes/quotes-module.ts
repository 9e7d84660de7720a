import { accountPricingRouter } from './account-pricing-routes.ts';
import type { AppModule } from '../../kernel/app-module.ts';
import { divergenceRouter } from './divergences/divergence-routes.ts';
import { divergenceQueries } from './divergences/open-divergences.ts';
import { quoteRouter } from './quote-routes.ts';
import { createQuoteService } from './quote-service.ts';
import { createSyncStateReader } from './quote-sync-state.ts';

/** Account pricing, quotes and divergences: the card API under /api/v1 (docs/quotes.md, docs/webhooks.md). */
export const quotesModule: AppModule = {
  name: 'quotes',
  apiRouters: (deps) => [
    accountPricingRouter(deps.database.db),
    quoteRouter(
      createQuoteService({ db: deps.database.db, jobs: deps.jobs, now: deps.now }),
      createSyncStateReader(deps.database),
      divergenceQueries(deps.database.db).openForDeal,
    ),
    divergenceRouter(deps.database.db, deps.now),
  ],
};
