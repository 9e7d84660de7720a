import type { Router } from 'express';
import type { AppConfig } from './config/app-config.ts';
import type { Database } from './db/open-database.ts';
import type { JobQueue, QueueDefinition } from './jobs/job-queue.ts';
import type { DomainEvents, DomainEventSubscription } from './jobs/domain-events.ts';
import type { Logger } from './logging/logger.ts';
import type { TokenProvider } from '../integrations/hubspot/token-provider.ts';
import type { HubSpotClients } from '../integrations/hubspot/hubspot-client-factory.ts';
import type { QuoteSyncSource } from '../integrations/hubspot/sync/quote-sync-contract.ts';

/** What every module gets from the composition root. Modules add services here as they land. */
export interface AppDeps {
  config: AppConfig;
  database: Database;
  jobs: JobQueue;
  /** Cross-module events (outbox jobs); subscriptions come from every module's `subscriptions`. */
  events: DomainEvents;
  logger: Logger;
  now: () => number;
  /** HubSpot access tokens per portal (sandbox: the demo token; production: stored OAuth tokens). */
  tokens: TokenProvider;
  /** One HubSpot client per portal (own limiter and retries), pointed at the sandbox in sandbox mode. */
  hubspot: HubSpotClients;
  /** The quote model as the HubSpot sync reads it (quote-builder module); unset = no quote sync worker. */
  quoteSyncSource?: QuoteSyncSource;
}

/**
 * A feature module plugs into the running app through this shape; src/main/app-modules.ts lists
 * them. Routers are mounted by the runtime: `apiRouters` under /api behind the signature check
 * (portal from the signed query), `webhookRouters` under /webhooks (signed, portal per event),
 * `publicRouters` at the root without a signature (OAuth redirects, buyer links).
 */
export interface AppModule {
  name: string;
  queues?: QueueDefinition[];
  /** Domain events this module consumes, each into one of its own queues. */
  subscriptions?: DomainEventSubscription[];
  apiRouters?(deps: AppDeps): Router[];
  webhookRouters?(deps: AppDeps): Router[];
  publicRouters?(deps: AppDeps): Router[];
  /** Registers pg-boss workers; called after queues exist. */
  startWorkers?(deps: AppDeps): Promise<void>;
}
