import type { AppModule } from '../../kernel/app-module.ts';
import { amendmentPriceRouter, renewalPriceRouter } from './contract-pricing-routes.ts';
import {
  DEAL_CLOSED_WON_QUEUE,
  onDealClosedWon,
  onQuoteAccepted,
  QUOTE_ACCEPTED_QUEUE,
} from './contract-event-handlers.ts';

/**
 * Contracts: headless amendment and renewal pricing; contracts created from accepted (or won)
 * quotes through their domain events.
 */
export const contractsModule: AppModule = {
  name: 'contracts',
  queues: [{ name: QUOTE_ACCEPTED_QUEUE }, { name: DEAL_CLOSED_WON_QUEUE }],
  subscriptions: [
    { event: 'quote.accepted', queue: QUOTE_ACCEPTED_QUEUE },
    { event: 'deal.closed-won', queue: DEAL_CLOSED_WON_QUEUE },
  ],
  apiRouters: () => [amendmentPriceRouter(), renewalPriceRouter()],
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
  },
};
