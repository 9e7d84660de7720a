import type { Kysely } from 'kysely';
import type { AppDeps, AppModule } from '../../kernel/app-module.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId } from '../../kernel/db/portal-id.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { DOMAIN_EVENT_SCHEMAS } from '../../kernel/jobs/domain-event-payloads.ts';
import { catalogRepository } from '../catalog/index.ts';
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
} as const;

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
            };
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
