import type { AppModule } from '../kernel/app-module.ts';
import { webhooksModule } from '../integrations/hubspot/webhooks/webhooks-module.ts';
import { installModule } from '../modules/tenancy/install-module.ts';
import { pricingModule } from '../modules/pricing/pricing-module.ts';
import { hubspotSyncModule } from '../integrations/hubspot/sync/hubspot-sync-module.ts';
import { quotesModule } from '../modules/quotes/quotes-module.ts';
import { settingsModule } from '../modules/settings/settings-module.ts';
import { approvalsModule } from '../modules/approvals/index.ts';

/** Every feature module of the running app, in mount order. Add one line per module. */
export const APP_MODULES: readonly AppModule[] = [
  pricingModule,
  hubspotSyncModule,
  installModule,
  quotesModule,
  webhooksModule,
  settingsModule,
  approvalsModule,
];
