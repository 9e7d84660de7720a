import type { AppDeps, AppModule } from '../../kernel/app-module.ts';
import { toPortalId } from '../../kernel/db/portal-id.ts';
import { DOMAIN_EVENT_SCHEMAS } from '../../kernel/jobs/domain-event-payloads.ts';
import { billingRouter } from './billing-routes.ts';
import { billingScheduleRouter } from './billing-schedule-route.ts';
import { unavailableContractSource, type ContractSource } from './contract-source.ts';
import { rebuildContractPlan } from './contract-plan-service.ts';
import { runInvoices } from './invoice-run.ts';
import { syncInvoiceToHubSpot } from './invoice-hubspot-sync.ts';
import { reconcileHubSpotInvoices } from './invoice-hubspot-reconcile.ts';
import { remindOverdueInvoices } from './overdue-reminders.ts';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';

export const BILLING_QUEUES = {
  contractCreated: 'billing.contract-created',
  contractAmended: 'billing.contract-amended',
  invoiceRun: 'billing.invoice-run',
  invoiceHubSpotSync: 'billing.invoice-hubspot-sync',
  hubspotReconcile: 'billing.hubspot-reconcile',
  overdueReminders: 'billing.overdue-reminders',
} as const;

/** Daily at 08:00 UTC: chase invoices past their due date (a HubSpot task for the deal owner). */
export const OVERDUE_REMINDERS_CRON = '0 8 * * *';

/** Hourly at :15: HubSpot-side paid/voided statuses, the webhook's safety net. */
export const HUBSPOT_RECONCILE_CRON = '15 * * * *';

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
      { name: BILLING_QUEUES.invoiceHubSpotSync, retryLimit: 10, retryDelaySeconds: 30 },
      { name: BILLING_QUEUES.hubspotReconcile, policy: 'singleton', retryLimit: 3, expireInSeconds: 1800 },
      { name: BILLING_QUEUES.overdueReminders, policy: 'singleton', retryLimit: 3, expireInSeconds: 1800 },
    ],
    subscriptions: [
      { event: 'contract.created', queue: BILLING_QUEUES.contractCreated },
      { event: 'contract.amended', queue: BILLING_QUEUES.contractAmended },
      { event: 'invoice.issued', queue: BILLING_QUEUES.invoiceHubSpotSync },
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

      // After the issuing transaction committed (outbox job): never HubSpot I/O inside a transaction.
      const syncDeps = { db: deps.database.db, clientFor: (portalId: PortalId) => deps.hubspot.forPortal(portalId) };
      await deps.jobs.work<object>(BILLING_QUEUES.invoiceHubSpotSync, async (data) => {
        const event = DOMAIN_EVENT_SCHEMAS['invoice.issued'].parse(data);
        await syncInvoiceToHubSpot(syncDeps, toPortalId(event.portalId), Number(event.invoiceId));
      });
      await deps.jobs.work<object>(BILLING_QUEUES.hubspotReconcile, async () => {
        for (const portalId of await portalsWithSyncedOpenInvoices(deps.database.db)) {
          const result = await reconcileHubSpotInvoices({ ...syncDeps, events: deps.events, now: deps.now }, portalId);
          if (result.paid + result.voided > 0)
            deps.logger.info({ portalId, ...result }, 'hubspot invoice statuses applied');
        }
      });
      await deps.jobs.schedule(BILLING_QUEUES.hubspotReconcile, HUBSPOT_RECONCILE_CRON);

      await deps.jobs.work<object>(BILLING_QUEUES.overdueReminders, async () => {
        const today = new Date(deps.now()).toISOString().slice(0, 10);
        for (const portalId of await portalsWithOverdueInvoices(deps.database.db, today)) {
          const result = await remindOverdueInvoices({ ...syncDeps, now: deps.now }, portalId, today);
          if (result.refused)
            deps.logger.warn({ portalId }, 'HubSpot refused overdue tasks; invoices stay listed as overdue');
        }
      });
      await deps.jobs.schedule(BILLING_QUEUES.overdueReminders, OVERDUE_REMINDERS_CRON);
    },
  };
}

export const billingModule: AppModule = createBillingModule();

/** The hourly reconciliation crosses tenants on purpose (`portal_id > 0` is every portal), then works per portal. */
async function portalsWithSyncedOpenInvoices(db: Kysely<DatabaseSchema>): Promise<PortalId[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('portal_id')
    .distinct()
    .where('portal_id', '>', 0)
    .where('status', '=', 'issued')
    .where('hubspot_invoice_id', 'is not', null)
    .execute();
  return rows.map((row) => toPortalId(Number(row.portal_id)));
}

/** The daily collections job lists the portals with unchased overdue invoices (`portal_id > 0` = every portal). */
async function portalsWithOverdueInvoices(db: Kysely<DatabaseSchema>, today: string): Promise<PortalId[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('portal_id')
    .distinct()
    .where('portal_id', '>', 0)
    .where('status', '=', 'issued')
    .where('due_date', '<', today)
    .where('overdue_notified_at', 'is', null)
    .execute();
  return rows.map((row) => toPortalId(Number(row.portal_id)));
}
