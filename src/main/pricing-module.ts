import { pricingRouter } from '../http/routes/pricing-route.ts';
import type { AppModule } from './app-module.ts';

/** The headless pricing API (`POST /api/v1/pricing/calculate`). */
export const pricingModule: AppModule = {
  name: 'pricing',
  apiRouters: () => [pricingRouter()],
};
