import type { AppModule } from '../../kernel/app-module.ts';
import { catalogRouter } from './catalog-routes.ts';

/** Catalog search for the cards under /api/v1 (docs/quotes.md); imports run from the CLI. */
export const catalogModule: AppModule = {
  name: 'catalog',
  apiRouters: (deps) => [catalogRouter(deps.database.db)],
};
