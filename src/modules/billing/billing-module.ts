import type { AppDeps, AppModule } from '../../kernel/app-module.ts';
import { toPortalId } from '../../kernel/db/portal-id.ts';
import { DOMAIN_EVENT_SCHEMAS } from '../../kernel/jobs/domain-event-payloads.ts';
import { billingRouter } from './billing-routes.ts';
import { billingScheduleRouter } from './billing-schedule-route.ts';
import { unavailableContractSource, type ContractSource } from './contract-source.ts';
import { rebuildContractPlan } from './contract-plan-service.ts';
import { runInvoices } from './invoice-run.ts';

export const BILLING_QUEUES = {
  contractCreated: 'billing.contract-created',
  contractAmended: 'billing.contract-amended',
  invoiceRun: 'billing.invoice-run',
} as const;

/** Daily at 02:30 UTC: issue what is due today (pg-boss cron). */
export const INVOICE_RUN_CRON = '30 2 * * *';

export interface BillingModuleOptions {
  /** The contracts reader; wire `createContractReader(deps.database.db)` from src/modules/contracts/index.ts. */
  contractSource?: (deps: AppDeps) => ContractSource;
}

/**
 * Billing: the headless schedule API, each contract's invoice plan (rebuilt on `contract.created`
 * and `contract.amended`), the daily invoice run, payments and voids (docs/billing.md).
 */
export function createBillingModule(options: BillingModuleOptions = {}): AppModule {
  return {
    name: 'billing',
    queues: [
      { name: BILLING_QUEUES.contractCreated, retryLimit: 10, retryDelaySeconds: 10 },
      { name: BILLING_QUEUES.contractAmended, retryLimit: 10, retryDelaySeconds: 10 },
      {
        name: BILLING_QUEUES.invoiceRun,
        policy: 'singleton',
        retryLimit: 3,
        retryDelaySeconds: 60,
        expireInSeconds: 3600,
      },
    ],
    subscriptions: [
      { event: 'contract.created', queue: BILLING_QUEUES.contractCreated },
      { event: 'contract.amended', queue: BILLING_QUEUES.contractAmended },
    ],
    apiRouters: (deps) => [billingScheduleRouter(), billingRouter(deps)],
    async startWorkers(deps) {
      const contracts = options.contractSource?.(deps) ?? unavailableContractSource;
      const planDeps = { db: deps.database.db, contracts, now: deps.now };
      await deps.jobs.work<object>(BILLING_QUEUES.contractCreated, async (data) => {
        const event = DOMAIN_EVENT_SCHEMAS['contract.created'].parse(data);
        await rebuildContractPlan(planDeps, toPortalId(event.portalId), event.contractId);
      });
      await deps.jobs.work<object>(BILLING_QUEUES.contractAmended, async (data) => {
        const event = DOMAIN_EVENT_SCHEMAS['contract.amended'].parse(data);
        await rebuildContractPlan(planDeps, toPortalId(event.portalId), event.contractId);
      });
      await deps.jobs.work<object>(BILLING_QUEUES.invoiceRun, async () => {
        const date = new Date(deps.now()).toISOString().slice(0, 10);
        const result = await runInvoices({ db: deps.database.db, events: deps.events, now: deps.now }, { date });
        deps.logger.info({ date, ...result }, 'invoice run finished');
      });
      await deps.jobs.schedule(BILLING_QUEUES.invoiceRun, INVOICE_RUN_CRON);
    },
  };
}

export const billingModule: AppModule = createBillingModule();
