import type { AppModule } from '../../kernel/app-module.ts';
import { amendmentPriceRouter, renewalPriceRouter } from './contract-pricing-routes.ts';

/** Contracts: headless amendment and renewal pricing. */
export const contractsModule: AppModule = {
  name: 'contracts',
  apiRouters: () => [amendmentPriceRouter(), renewalPriceRouter()],
};
