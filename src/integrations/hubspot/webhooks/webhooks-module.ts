import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { ReadAhead } from './hubspot-read-ahead.ts';
import type { AppDeps, AppModule } from '../../../kernel/app-module.ts';
import type { WebhookEventHandler } from './webhook-event-handlers.ts';
import { requeueStalePending } from './webhook-inbox-admin.ts';
import { WEBHOOK_PROCESS_QUEUE, WEBHOOK_PROCESS_QUEUE_DEFINITION, type WebhookProcessJob } from './webhook-intake.ts';
import { webhookIntakeRouter } from './webhook-intake-route.ts';
import { createWebhookProcessor } from './webhook-processor.ts';
import type { WebhookPorts } from './webhook-ports.ts';

/** Failed attempts before an event is dead-lettered (`cpq webhooks list --failed`). */
export const WEBHOOK_MAX_ATTEMPTS = 5;
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Builds the ports of one processing transaction. HubSpot reads go through `ahead`
 * (hubspot-read-ahead.ts): loaded with no transaction open, answered from memory inside it.
 */
export type WebhookPortsFactory = (deps: AppDeps) => (trx: Kysely<DatabaseSchema>, ahead: ReadAhead) => WebhookPorts;

export interface WebhooksModuleOptions {
  /** Ports per processing transaction; the composition root binds them to the modules' adapters. */
  portsFor: WebhookPortsFactory;
  /** Applies one event (the modules' handlers bound by src/main/webhook-wiring.ts). */
  handle: WebhookEventHandler;
}

/** Webhook intake (`POST /webhooks/hubspot`), the processing queue and its workers. */
export function createWebhooksModule(options: WebhooksModuleOptions): AppModule {
  return {
    name: 'webhooks',
    queues: [WEBHOOK_PROCESS_QUEUE_DEFINITION],
    webhookRouters: (deps) => [webhookIntakeRouter({ db: deps.database.db, jobs: deps.jobs, logger: deps.logger })],
    async startWorkers(deps) {
      const portsFor = options.portsFor(deps);
      const processor = createWebhookProcessor({
        db: deps.database.db,
        portsFor,
        handle: options.handle,
        appId: deps.config.hubspot.appId,
        logger: deps.logger,
        maxAttempts: WEBHOOK_MAX_ATTEMPTS,
      });
      await deps.jobs.work<WebhookProcessJob>(WEBHOOK_PROCESS_QUEUE, async (job) => {
        await processor.processJob(job);
      });
      const sweep = setInterval(() => {
        requeueStalePending(deps.database.db, deps.jobs, 5 * 60_000).catch((err: unknown) =>
          deps.logger.warn({ err }, 'webhook sweep failed'),
        );
      }, SWEEP_INTERVAL_MS);
      sweep.unref();
    },
  };
}
