import type { Router } from 'express';
import type { AppConfig } from './config/app-config.ts';
import type { Database } from './db/open-database.ts';
import type { JobQueue, QueueDefinition } from './jobs/job-queue.ts';
import type { DomainEvents, DomainEventSubscription } from './jobs/domain-events.ts';
import type { Logger } from './logging/logger.ts';

/**
 * What every module gets from the composition root. Modules add services here as they land.
 * The kernel imports no integration: the HubSpot services (`tokens`, `hubspot`, `quoteSyncSource`)
 * are added to this interface by src/integrations/hubspot/hubspot-app-deps.ts (TypeScript
 * declaration merging), so `deps.hubspot` is fully typed everywhere without a kernel -> integration import.
 */
export interface AppDeps {
  config: AppConfig;
  database: Database;
  jobs: JobQueue;
  /** Cross-module events (outbox jobs); subscriptions come from every module's `subscriptions`. */
  events: DomainEvents;
  logger: Logger;
  now: () => number;
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
