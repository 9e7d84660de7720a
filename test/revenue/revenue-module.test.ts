import { createRevenueModule, revenueModule } from '../../src/modules/revenue/revenue-module.ts';
import { DOMAIN_EVENT_SCHEMAS } from '../../src/kernel/jobs/domain-event-payloads.ts';

describe('revenue module wiring', () => {
  test('with a contracts reader it consumes contract.created and contract.amended into its own queues', () => {
    const module = createRevenueModule({ contracts: () => ({ get: async () => undefined }) });
    expect(module.subscriptions).toEqual([
      { event: 'contract.created', queue: 'revenue.contract-created' },
      { event: 'contract.amended', queue: 'revenue.contract-amended' },
    ]);
    const queues = (module.queues ?? []).map((q) => q.name);
    for (const subscription of module.subscriptions ?? []) {
      expect(queues).toContain(subscription.queue);
      expect(Object.keys(DOMAIN_EVENT_SCHEMAS)).toContain(subscription.event);
    }
    expect(queues).toEqual(expect.arrayContaining(['revenue.hubspot-properties', 'revenue.monthly-properties']));
  });

  test('without a reader (contracts not wired yet) it serves its API and subscribes to nothing', () => {
    expect(revenueModule.subscriptions).toBeUndefined();
    expect(revenueModule.queues).toBeUndefined();
    expect(typeof revenueModule.apiRouters).toBe('function');
  });
});
