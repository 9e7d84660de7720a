import type { AppModule } from './app-module.ts';
import { webhooksModule } from '../../webhooks/webhooks-module.ts';
import { installModule } from '../install/install-module.ts';
import { pricingModule } from './pricing-module.ts';
import { hubspotSyncModule } from '../sync/hubspot-sync-module.ts';
import { quotesModule } from '../quotes/quotes-module.ts';
import { settingsModule } from '../settings/settings-module.ts';

/** Every feature module of the running app, in mount order. Add one line per module. */
export const APP_MODULES: readonly AppModule[] = [pricingModule, hubspotSyncModule, installModule, quotesModule, webhooksModule, settingsModule];
