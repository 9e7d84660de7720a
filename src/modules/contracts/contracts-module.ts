import type { AppModule } from '../../kernel/app-module.ts';
import {
  DEAL_CLOSED_WON_QUEUE,
  onDealClosedWon,
  onQuoteAccepted,
  QUOTE_ACCEPTED_QUEUE,
} from './contract-event-handlers.ts';
import { amendmentPriceRouter, renewalPriceRouter } from './contract-pricing-routes.ts';
import { RENEWAL_SCAN_CRON, RENEWAL_SCAN_QUEUE, runRenewalScan } from './contract-renewal-job.ts';
import { contractRouter } from './contract-routes.ts';

/**
 * Contracts: headless amendment and renewal pricing; contracts created from accepted (or won)
 * quotes through their domain events; amendments; the daily renewal job.
 */
export const contractsModule: AppModule = {
  name: 'contracts',
  queues: [
    { name: QUOTE_ACCEPTED_QUEUE },
    { name: DEAL_CLOSED_WON_QUEUE },
    { name: RENEWAL_SCAN_QUEUE, policy: 'singleton' },
  ],
  subscriptions: [
    { event: 'quote.accepted', queue: QUOTE_ACCEPTED_QUEUE },
    { event: 'deal.closed-won', queue: DEAL_CLOSED_WON_QUEUE },
  ],
  apiRouters: (deps) => [amendmentPriceRouter(), renewalPriceRouter(), contractRouter(deps.database.db, deps.events)],
  async startWorkers(deps) {
    const handlerDeps = { db: deps.database.db, events: deps.events };
    await deps.jobs.work(QUOTE_ACCEPTED_QUEUE, async (data) => {
      const result = await onQuoteAccepted(handlerDeps, data);
      deps.logger.info({ queue: QUOTE_ACCEPTED_QUEUE, ...result }, 'contract from accepted quote');
    });
    await deps.jobs.work(DEAL_CLOSED_WON_QUEUE, async (data) => {
      const result = await onDealClosedWon(handlerDeps, data);
      deps.logger.info({ queue: DEAL_CLOSED_WON_QUEUE, ...result }, 'contract from closed-won deal');
    });
    await deps.jobs.work(RENEWAL_SCAN_QUEUE, async () => {
      const today = new Date(deps.now()).toISOString().slice(0, 10);
      const result = await runRenewalScan(deps.database.db, today);
      deps.logger.info({ queue: RENEWAL_SCAN_QUEUE, ...result }, 'renewal scan');
    });
    await deps.jobs.schedule(RENEWAL_SCAN_QUEUE, RENEWAL_SCAN_CRON);
  },
};
