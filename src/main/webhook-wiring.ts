import {
  createDealStages,
  createHubSpotLookups,
  createWebhookEventHandler,
  createWebhooksModule,
  loadDealPipelines,
  readAheadDealStages,
  readAheadLookups,
  type WebhookEventHandler,
  type WebhookPortsFactory,
} from '../integrations/hubspot/index.ts';
import type { AppModule } from '../kernel/app-module.ts';
import { createCatalogAdapter, handleProductEvent } from '../modules/catalog/index.ts';
import {
  createDivergenceStore,
  createQuoteModelAdapter,
  handleLineItemEvent,
  recordLineItemDivergence,
} from '../modules/quotes/index.ts';
import { createInstallLifecycleAdapter, isAppUninstallEvent } from '../modules/tenancy/index.ts';

/**
 * The webhook dispatcher bound to the handlers of the modules that own the data each event
 * changes: products (catalog), line items and deal divergences (quotes), uninstall (tenancy).
 * The HubSpot integration imports no module; this composition root connects them.
 */
export const handleWebhookEvent: WebhookEventHandler = createWebhookEventHandler({
  isAppUninstallEvent,
  product: handleProductEvent,
  lineItem: handleLineItemEvent,
  lineItemDivergence: recordLineItemDivergence,
});

/** Ports of one processing transaction: pipeline stages, divergences, quotes, catalog, HubSpot reads, installs. */
export const webhookPorts: WebhookPortsFactory = (deps) => {
  // Closed-won per the portal's pipelines (GET /crm/v3/pipelines/deals through the portal's client;
  // in sandbox mode the runtime points it at the local sandbox).
  const dealStages = createDealStages({ loadPipelines: loadDealPipelines(deps.hubspot) });
  // Company currency (cached per portal), products and line-item associations, read through the same clients.
  const hubspot = createHubSpotLookups(deps.hubspot);
  const uninstall = {
    jobSchema: deps.database.jobSchema,
    retentionDays: deps.config.uninstallRetentionDays,
    now: deps.now,
  };
  // Both are read ahead: loaded with no transaction open, answered from memory inside it.
  return (trx, ahead) => ({
    dealStages: readAheadDealStages(dealStages, ahead),
    divergences: createDivergenceStore(trx),
    dealQuotes: createQuoteModelAdapter(trx, deps.jobs),
    catalog: createCatalogAdapter(trx),
    hubspot: readAheadLookups(hubspot, ahead),
    installs: createInstallLifecycleAdapter(trx, uninstall),
  });
};

/** Webhook intake and processing with the app's handlers and ports. */
export const webhooksModule: AppModule = createWebhooksModule({ portsFor: webhookPorts, handle: handleWebhookEvent });
