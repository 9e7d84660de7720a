import type { AppModule } from '../kernel/app-module.ts';
import { hubspotSyncModule } from '../integrations/hubspot/index.ts';
import { catalogModule } from '../modules/catalog/index.ts';
import { pricingModule } from '../modules/pricing/index.ts';
import { quotesModule } from '../modules/quotes/index.ts';
import { settingsModule } from '../modules/settings/index.ts';
import { installModule } from '../modules/tenancy/index.ts';
import { webhooksModule } from './webhook-wiring.ts';
import { configurationModule } from '../modules/configuration/index.ts';
import { createAttributionModule } from '../modules/attribution/index.ts';
import { createBillingModule } from '../modules/billing/index.ts';
import { contractsModule, createContractReader } from '../modules/contracts/index.ts';
import { createRevenueModule } from '../modules/revenue/index.ts';
import { attributionAmounts } from './attribution-amounts.ts';
import { approvalsModule } from '../modules/approvals/index.ts';

/** Every feature module of the running app, in mount order. Add one line per module. */
export const APP_MODULES: readonly AppModule[] = [
  pricingModule,
  hubspotSyncModule,
  installModule,
  catalogModule,
  quotesModule,
  webhooksModule,
  settingsModule,
  configurationModule,
  createAttributionModule({ amounts: attributionAmounts }),
  createBillingModule({
    contractSource: (deps) => {
      const reader = createContractReader(deps.database.db);
      return { get: async (portalId, contractId) => (await reader.get(portalId, contractId)) ?? null };
    },
  }),
  contractsModule,
  createRevenueModule({ contracts: (db) => createContractReader(db) }),
  approvalsModule,
];
