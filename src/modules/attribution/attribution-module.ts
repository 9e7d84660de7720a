import type { AppModule } from '../../kernel/app-module.ts';
import { attributionComputeRouter } from './attribution-routes.ts';

/** Campaign-to-revenue attribution (docs/attribution.md). */
export const attributionModule: AppModule = {
  name: 'attribution',
  apiRouters: () => [attributionComputeRouter()],
};
