import { pricingRouter } from './pricing-route.ts';
import type { AppModule } from '../../kernel/app-module.ts';

/** The headless pricing API (`POST /api/v1/pricing/calculate`). */
export const pricingModule: AppModule = {
  name: 'pricing',
  apiRouters: () => [pricingRouter()],
};
