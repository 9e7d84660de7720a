import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppDeps, AppModule } from '../../kernel/app-module.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId } from '../../kernel/db/portal-id.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { DOMAIN_EVENT_SCHEMAS } from '../../kernel/jobs/domain-event-payloads.ts';
import { catalogRepository } from '../catalog/index.ts';
import type { ContractView } from '../contracts/index.ts';
import { pushRevenueProperties, revenuePropertyTargets } from './revenue-hubspot-properties.ts';
import {
  scheduleContractRevenue,
  type ContractReader,
  type ProductCategoryLookup,
} from './contract-revenue-scheduler.ts';
import { revenueRouter } from './revenue-routes.ts';
import { revenueScheduleRouter } from './revenue-schedule-route.ts';

export const REVENUE_QUEUES = {
  contractCreated: 'revenue.contract-created',
  contractAmended: 'revenue.contract-amended',
  /** Deal/company revenue properties after a schedule changed (sent in the scheduling transaction). */
  hubspotProperties: 'revenue.hubspot-properties',
  /** Monthly: every portal's deal/company revenue properties move with the calendar. */
  monthlyProperties: 'revenue.monthly-properties',
} as const;

/** 02:30 UTC on the 1st: the month that just ended is now recognised. */
export const MONTHLY_PROPERTIES_CRON = '30 2 1 * *';

const PropertiesJobSchema = z.object({
  portalId: z.number().int().positive(),
  dealIds: z.array(z.string().min(1).max(100)).max(1000),
  companyIds: z.array(z.string().min(1).max(100)).max(1000),
});

const today = (now: number): string => new Date(now).toISOString().slice(0, 10);

export interface RevenueModuleOptions {
  /**
   * The contracts module's reader (`createContractReader(db)` from src/modules/contracts/index.ts).
   * Without it the module serves its API but does not subscribe to contract events.
   */
  contracts?: (db: Kysely<DatabaseSchema>) => ContractReader;
}

function categoryLookup(db: Kysely<DatabaseSchema>): ProductCategoryLookup {
  return async (portalId, skus) => {
    const entries = await catalogRepository.productsBySku(db, portalId, skus);
    return new Map(entries.map((entry) => [entry.product.sku, entry.product.category ?? null]));
  };
}

/** Revenue recognition (docs/revenue.md): SSP allocation, revenue schedules, deferred revenue, exports. */
export function createRevenueModule(options: RevenueModuleOptions = {}): AppModule {
  const readerFactory = options.contracts;
  return {
    name: 'revenue',
    ...(readerFactory
      ? {
          queues: [
            { name: REVENUE_QUEUES.contractCreated, retryLimit: 10, retryDelaySeconds: 10 },
            { name: REVENUE_QUEUES.contractAmended, retryLimit: 10, retryDelaySeconds: 10 },
            { name: REVENUE_QUEUES.hubspotProperties, retryLimit: 10, retryDelaySeconds: 30 },
            { name: REVENUE_QUEUES.monthlyProperties, retryLimit: 3, retryDelaySeconds: 300, expireInSeconds: 3600 },
          ],
          subscriptions: [
            { event: 'contract.created', queue: REVENUE_QUEUES.contractCreated },
            { event: 'contract.amended', queue: REVENUE_QUEUES.contractAmended },
          ],
          async startWorkers(deps: AppDeps) {
            const db = deps.database.db;
            const scheduler = {
              db,
              contracts: readerFactory(db),
              categories: categoryLookup(db),
              now: deps.now,
              // Outbox: the HubSpot write runs as its own job once this transaction commits.
              onScheduled: async (trx: Kysely<DatabaseSchema>, contract: ContractView) => {
                await deps.jobs.send(
                  REVENUE_QUEUES.hubspotProperties,
                  {
                    portalId: contract.portalId,
                    dealIds: [contract.dealId],
                    companyIds: contract.companyId === null ? [] : [contract.companyId],
                  },
                  { trx },
                );
              },
            };
            await deps.jobs.work(REVENUE_QUEUES.hubspotProperties, async (data) => {
              const job = parseInput(PropertiesJobSchema, data, 'REVENUE_EVENT_INVALID');
              await pushRevenueProperties(
                { db, hubspot: deps.hubspot },
                toPortalId(job.portalId),
                job,
                today(deps.now()),
              );
            });
            await deps.jobs.work(REVENUE_QUEUES.monthlyProperties, async () => {
              const portals = await db
                .selectFrom('portals')
                .select('portal_id')
                .where('status', '=', 'installed')
                .execute();
              for (const { portal_id } of portals) {
                const portalId = toPortalId(Number(portal_id));
                try {
                  const targets = await revenuePropertyTargets(db, portalId);
                  await pushRevenueProperties({ db, hubspot: deps.hubspot }, portalId, targets, today(deps.now()));
                } catch (error) {
                  // One portal's HubSpot trouble must not stop the others; its values catch up on change or next month.
                  deps.logger.warn({ err: error, portalId }, 'revenue properties refresh failed for a portal');
                }
              }
            });
            await deps.jobs.schedule(REVENUE_QUEUES.monthlyProperties, MONTHLY_PROPERTIES_CRON);
            await deps.jobs.work(REVENUE_QUEUES.contractCreated, async (data) => {
              const event = parseInput(DOMAIN_EVENT_SCHEMAS['contract.created'], data, 'REVENUE_EVENT_INVALID');
              await scheduleContractRevenue(scheduler, {
                portalId: toPortalId(event.portalId),
                contractId: event.contractId,
              });
            });
            await deps.jobs.work(REVENUE_QUEUES.contractAmended, async (data) => {
              const event = parseInput(DOMAIN_EVENT_SCHEMAS['contract.amended'], data, 'REVENUE_EVENT_INVALID');
              await scheduleContractRevenue(scheduler, {
                portalId: toPortalId(event.portalId),
                contractId: event.contractId,
                amendmentQuoteId: event.amendmentQuoteId,
              });
            });
          },
        }
      : {}),
    apiRouters: (deps) => [revenueScheduleRouter(), revenueRouter(deps.database.db, deps.now)],
  };
}

/** The app's revenue module; wire `contracts: createContractReader` once the contracts module exports it. */
export const revenueModule: AppModule = createRevenueModule();
