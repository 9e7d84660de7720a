import type { AppModule } from '../../kernel/app-module.ts';
import { settingsRouter } from './settings-routes.ts';

/** Per-portal quote settings: rounding mode, quote expiry days, allowed currencies (docs/quotes.md). */
export const settingsModule: AppModule = {
  name: 'settings',
  apiRouters: (deps) => [settingsRouter(deps.database.db)],
};
