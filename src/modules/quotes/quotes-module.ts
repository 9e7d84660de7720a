import { accountPricingRouter } from './account-pricing-routes.ts';
import { catalogRouter } from '../catalog/catalog-routes.ts';
import type { AppModule } from '../../kernel/app-module.ts';
import { divergenceQueries } from './divergences/open-divergences.ts';
import { quoteRouter } from './quote-routes.ts';
import { createQuoteService } from './quote-service.ts';
import { createSyncStateReader } from './quote-sync-state.ts';

/** Catalog search, account pricing and quotes: the card API under /api/v1 (docs/quotes.md). */
export const quotesModule: AppModule = {
  name: 'quotes',
  apiRouters: (deps) => [
    catalogRouter(deps.database.db),
    accountPricingRouter(deps.database.db),
    quoteRouter(
      createQuoteService({ db: deps.database.db, jobs: deps.jobs, now: deps.now }),
      createSyncStateReader(deps.database),
      divergenceQueries(deps.database.db).openForDeal,
    ),
  ],
};
