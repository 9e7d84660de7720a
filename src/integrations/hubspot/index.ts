// The HubSpot integration's public surface: clients, token port, quote sync, webhook intake.
// Modules, the CLI and the composition root import only this file; the integration imports no module.
import './hubspot-app-deps.ts';
export type { TokenProvider } from './token-provider.ts';
export { createHubSpotClients, type HubSpotClients } from './hubspot-client-factory.ts';
export { createStaticTokenProvider } from './static-token-provider.ts';
export { PROVISION_QUEUE, enqueueProvisioning, type ProvisionJob } from './sync/enqueue-provisioning.ts';
export {
  QUOTE_SYNC_QUEUE,
  type QuoteSyncJob,
  type QuoteSyncLine,
  type QuoteSyncSnapshot,
  type QuoteSyncSource,
} from './sync/quote-sync-contract.ts';
export { hubspotSyncModule } from './sync/hubspot-sync-module.ts';
export { createWebhooksModule, WEBHOOK_MAX_ATTEMPTS, type WebhookPortsFactory } from './webhooks/webhooks-module.ts';
export {
  createWebhookEventHandler,
  type HandlerResult,
  type HandlerContext,
  type ObjectEventHandlers,
  type WebhookEventHandler,
} from './webhooks/webhook-event-handlers.ts';
export type { WebhookEvent } from './webhooks/webhook-event-schema.ts';
export type {
  CatalogPort,
  DealQuotesPort,
  DivergencePort,
  InstallLifecyclePort,
  ProductFields,
  WebhookPorts,
} from './webhooks/webhook-ports.ts';
export { createDealStages, loadDealPipelines } from './webhooks/deal-stages.ts';
export { createHubSpotLookups } from './webhooks/hubspot-lookups.ts';
export { listInbox, retryInboxEntry } from './webhooks/webhook-inbox-admin.ts';
export { WEBHOOK_PROCESS_QUEUE_DEFINITION } from './webhooks/webhook-intake.ts';
export type { HubSpotPortalClient } from './hubspot-portal-client.ts';
export { readAheadDealStages, readAheadLookups, type ReadAhead } from './webhooks/hubspot-read-ahead.ts';
