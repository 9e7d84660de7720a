import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import { createInstallLifecycleAdapter } from '../../../modules/tenancy/customer-uninstall-events.ts';
import type { AppDeps, AppModule } from '../../../kernel/app-module.ts';
import { SANDBOX_DEFAULT_PORTAL_ID } from '../../../../tools/hubspot-sandbox/hubspot-sandbox.ts';
import { createDealStages, loadDealPipelines } from './deal-stages.ts';
import { createCatalogAdapter } from '../../../modules/catalog/webhooks/catalog-adapter.ts';
import { divergenceRouter } from '../../../modules/quotes/divergences/divergence-routes.ts';
import { createDivergenceStore } from '../../../modules/quotes/divergences/divergence-store.ts';
import { createHubSpotLookups } from './hubspot-lookups.ts';
import { createQuoteModelAdapter } from '../../../modules/quotes/webhooks/quote-model-adapter.ts';
import { requeueStalePending } from './webhook-inbox-admin.ts';
import { WEBHOOK_PROCESS_QUEUE, WEBHOOK_PROCESS_QUEUE_DEFINITION, type WebhookProcessJob } from './webhook-intake.ts';
import { webhookIntakeRouter } from './webhook-intake-route.ts';
import { createWebhookProcessor } from './webhook-processor.ts';
import type { WebhookPorts } from './webhook-ports.ts';
import { readAheadDealStages, readAheadLookups, type ReadAhead } from './hubspot-read-ahead.ts';

/** Failed attempts before an event is dead-lettered (`cpq webhooks list --failed`). */
export const WEBHOOK_MAX_ATTEMPTS = 5;
const SWEEP_INTERVAL_MS = 60_000;

export interface WebhooksModuleOptions {
  /** Ports per processing transaction; default: pipeline stages, divergences, the quote model, the catalog store, HubSpot lookups, install lifecycle. */
  portsFor?: (trx: Kysely<DatabaseSchema>, deps: AppDeps) => WebhookPorts;
}

function defaultPorts(deps: AppDeps): (trx: Kysely<DatabaseSchema>, ahead: ReadAhead) => WebhookPorts {
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
}

/** Webhook intake (`POST /webhooks/hubspot`), the processing queue and its workers. */
export function createWebhooksModule(options: WebhooksModuleOptions = {}): AppModule {
  return {
    name: 'webhooks',
    queues: [WEBHOOK_PROCESS_QUEUE_DEFINITION],
    apiRouters: (deps) => [divergenceRouter(deps.database.db, deps.now)],
    webhookRouters: (deps) => [webhookIntakeRouter({ db: deps.database.db, jobs: deps.jobs, logger: deps.logger })],
    async startWorkers(deps) {
      if (deps.config.hubspot.sandbox) {
        // Sandbox mode: the demo portal counts as installed (no OAuth install happens locally).
        await deps.database.db
          .insertInto('portals')
          .values({
            portal_id: SANDBOX_DEFAULT_PORTAL_ID,
            status: 'installed',
            hub_domain: 'sandbox.hubspot.local',
            scopes: '',
          })
          .onConflict((oc) => oc.column('portal_id').doNothing())
          .execute();
      }
      const custom = options.portsFor;
      const portsFor = custom ? (trx: Kysely<DatabaseSchema>) => custom(trx, deps) : defaultPorts(deps);
      const processor = createWebhookProcessor({
        db: deps.database.db,
        portsFor,
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

export const webhooksModule: AppModule = createWebhooksModule();
