import { createDomainEvents } from '../../src/kernel/jobs/domain-events.ts';

describe('domain events', () => {
  test('publish sends one job to each subscribed queue, passing the transaction through (outbox)', async () => {
    const sent: Array<{ queue: string; data: object; trx: unknown }> = [];
    const events = createDomainEvents({
      send: async (queue, data, options) => {
        sent.push({ queue, data, trx: options?.trx });
        return 'id';
      },
    });
    events.subscribe({ event: 'quote.accepted', queue: 'contracts.quote-accepted' });
    events.subscribe({ event: 'quote.accepted', queue: 'attribution.quote-accepted' });
    events.subscribe({ event: 'quote.accepted', queue: 'contracts.quote-accepted' });
    const trx = { marker: 'trx' } as never;
    await events.publish('quote.accepted', { quoteId: 'q1' }, { trx });
    expect(sent).toEqual([
      { queue: 'contracts.quote-accepted', data: { quoteId: 'q1' }, trx },
      { queue: 'attribution.quote-accepted', data: { quoteId: 'q1' }, trx },
    ]);
  });

  test('an event nobody subscribes to sends nothing', async () => {
    const sent: string[] = [];
    const events = createDomainEvents({ send: async (queue) => (sent.push(queue), null) });
    await events.publish('invoice.paid', { id: 1 });
    expect(sent).toEqual([]);
    expect(events.subscribersOf('invoice.paid')).toEqual([]);
  });
});
