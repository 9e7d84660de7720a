import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { userSource } from '../../tools/hubspot-sandbox/sandbox-changes.ts';
import { ManualClock } from '../../tools/hubspot-sandbox/sandbox-clock.ts';
import { requireObjectType } from '../../tools/hubspot-sandbox/sandbox-object-types.ts';
import { apiError, asRecord, startSandbox, type Harness } from './sandbox-harness.ts';

const Op = FilterOperatorEnum;

/** Arranges many records directly in the store (the search itself still goes over HTTP). */
function bulkDeals(h: Harness, count: number, properties: (index: number) => Record<string, string>): void {
  const store = h.sandbox.state;
  const portal = store.portal();
  const type = requireObjectType(portal, 'deals');
  store.silently(() => {
    for (let index = 0; index < count; index += 1) store.objects.create(portal, type, properties(index), userSource(1));
  });
}

describe('sandbox CRM search (filters, sorts, paging, documented limits)', () => {
  let h: Harness;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    h = await startSandbox({ seed: false, clock });
    bulkDeals(h, 12, (index) => ({
      dealname: `Deal ${index} ${index % 2 === 0 ? 'even' : 'odd'}`,
      amount: String(index * 100),
      dealstage: index < 4 ? 'closedwon' : 'qualifiedtobuy',
      ...(index % 3 === 0 ? { description: 'renewal contract' } : {}),
    }));
  });
  afterEach(async () => {
    await h.close();
  });

  const search = (body: Parameters<Harness['client']['crm']['deals']['searchApi']['doSearch']>[0]) =>
    h.client.crm.deals.searchApi.doSearch(body);
  const names = (results: Array<{ properties: Record<string, string | null> }>) =>
    results.map((deal) => deal.properties.dealname);

  test('numeric comparisons GT/GTE/LT/LTE compare numbers, not strings (900 < 1000)', async () => {
    const gte = await search({
      filterGroups: [{ filters: [{ propertyName: 'amount', operator: Op.Gte, value: '900' }] }],
      limit: 100,
    });
    expect(gte.total).toBe(3);
    const lt = await search({
      filterGroups: [{ filters: [{ propertyName: 'amount', operator: Op.Lt, value: '200' }] }],
      limit: 100,
    });
    expect(names(lt.results).sort()).toEqual(['Deal 0 even', 'Deal 1 odd']);
    const lte = await search({
      filterGroups: [{ filters: [{ propertyName: 'amount', operator: Op.Lte, value: '200' }] }],
    });
    const gt = await search({
      filterGroups: [{ filters: [{ propertyName: 'amount', operator: Op.Gt, value: '1000' }] }],
    });
    expect([lte.total, gt.total]).toEqual([3, 1]);
  });

  test('filters in a group are ANDed, groups are ORed', async () => {
    const response = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: 'dealstage', operator: Op.Eq, value: 'closedwon' },
            { propertyName: 'amount', operator: Op.Gt, value: '100' },
          ],
        },
        { filters: [{ propertyName: 'amount', operator: Op.Eq, value: '1100' }] },
      ],
      properties: ['dealname'],
      limit: 100,
    });
    expect(names(response.results)).toEqual(['Deal 2 even', 'Deal 3 odd', 'Deal 11 odd']);
  });

  test('EQ is case-insensitive for text; NEQ and NOT_HAS_PROPERTY also match records without the value', async () => {
    const eq = await search({
      filterGroups: [{ filters: [{ propertyName: 'dealstage', operator: Op.Eq, value: 'CLOSEDWON' }] }],
    });
    expect(eq.total).toBe(4);
    const neq = await search({
      filterGroups: [{ filters: [{ propertyName: 'description', operator: Op.Neq, value: 'renewal contract' }] }],
    });
    expect(neq.total).toBe(8);
    const has = await search({
      filterGroups: [{ filters: [{ propertyName: 'description', operator: Op.HasProperty }] }],
    });
    const hasNot = await search({
      filterGroups: [{ filters: [{ propertyName: 'description', operator: Op.NotHasProperty }] }],
    });
    expect([has.total, hasNot.total]).toEqual([4, 8]);
  });

  test('IN matches any listed value; CONTAINS_TOKEN matches whole words and * wildcards', async () => {
    const inList = await search({
      filterGroups: [{ filters: [{ propertyName: 'amount', operator: Op.In, values: ['100', '300', '5000'] }] }],
    });
    expect(inList.total).toBe(2);
    const token = await search({
      filterGroups: [{ filters: [{ propertyName: 'dealname', operator: Op.ContainsToken, value: 'even' }] }],
    });
    expect(token.total).toBe(6);
    const partial = await search({
      filterGroups: [{ filters: [{ propertyName: 'dealname', operator: Op.ContainsToken, value: 'ev' }] }],
    });
    expect(partial.total).toBe(0);
    const wildcard = await search({
      filterGroups: [{ filters: [{ propertyName: 'dealname', operator: Op.ContainsToken, value: 'ev*' }] }],
    });
    expect(wildcard.total).toBe(6);
  });

  test('sorts by a property in either direction; the query string matches name words', async () => {
    const descending = await search({ sorts: ['-amount'], limit: 3, properties: ['amount'] });
    expect(descending.results.map((deal) => deal.properties.amount)).toEqual(['1100', '1000', '900']);
    const ascending = await h.http('POST', '/crm/v3/objects/deals/search', {
      body: { sorts: [{ propertyName: 'amount', direction: 'ASCENDING' }], limit: 2, properties: ['amount'] },
    });
    expect(
      (asRecord(ascending.body).results as Array<{ properties: { amount: string } }>).map(
        (deal) => deal.properties.amount,
      ),
    ).toEqual(['0', '100']);
    const query = await search({ query: 'odd', limit: 100 });
    expect(query.total).toBe(6);
  });

  test('paging: `after` continues where the last page stopped; the last page has no paging', async () => {
    const first = await search({ limit: 5, properties: ['dealname'] });
    expect(first.total).toBe(12);
    expect(first.paging?.next?.after).toBe('5');
    const third = await search({ limit: 5, after: '10', properties: ['dealname'] });
    expect(third.results).toHaveLength(2);
    expect(third.paging).toBeUndefined();
  });

  test('limit above 200 is a 400; 200 is accepted', async () => {
    expect((await apiError(search({ limit: 201 }))).code).toBe(400);
    expect((await search({ limit: 200 })).results).toHaveLength(12);
  });

  test('more than 5 filter groups, 6 filters in a group or 18 filters in total is a 400', async () => {
    const filter = { propertyName: 'amount', operator: Op.Gt, value: '1' };
    const sixGroups = Array.from({ length: 6 }, () => ({ filters: [filter] }));
    expect((await apiError(search({ filterGroups: sixGroups }))).code).toBe(400);
    expect(
      (await apiError(search({ filterGroups: [{ filters: Array.from({ length: 7 }, () => filter) }] }))).code,
    ).toBe(400);
    const fiveBySix = Array.from({ length: 5 }, () => ({ filters: Array.from({ length: 6 }, () => filter) }));
    const error = await apiError(search({ filterGroups: fiveBySix }));
    expect(error.code).toBe(400);
    expect(String(error.body.message)).toContain('18');
    const fiveGroupsOfThree = Array.from({ length: 5 }, () => ({ filters: Array.from({ length: 3 }, () => filter) }));
    expect((await search({ filterGroups: fiveGroupsOfThree })).total).toBe(11);
  });

  test('a request body over 3,000 characters is a 400', async () => {
    const response = await h.http('POST', '/crm/v3/objects/deals/search', { body: { query: 'x'.repeat(3000) } });
    expect(response.status).toBe(400);
    expect(asRecord(response.body).category).toBe('VALIDATION_ERROR');
  });

  test('10,000-result cap: total counts every match, the last reachable page ends at 10,000, after=10000 is a 400', async () => {
    bulkDeals(h, 10_050, (index) => ({ dealname: `Bulk ${index}`, amount: '1' }));
    const filter = {
      filterGroups: [{ filters: [{ propertyName: 'dealname', operator: Op.ContainsToken, value: 'bulk' }] }],
    };
    const last = await search({ ...filter, limit: 200, after: '9900' });
    expect(last.total).toBe(10_050);
    expect(last.results).toHaveLength(100);
    expect(last.paging).toBeUndefined();
    const beyond = await apiError(search({ ...filter, limit: 10, after: '10000' }));
    expect(beyond.code).toBe(400);
  });

  test('search has its own 5-per-second lane (policy SECONDLY) and does not use up the 110 / 10 s budget', async () => {
    const statuses: number[] = [];
    let remaining = '';
    for (let index = 0; index < 6; index += 1) {
      const response = await h.http('POST', '/crm/v3/objects/deals/search', { body: { limit: 1 } });
      statuses.push(response.status);
      remaining = response.headers.get('x-hubspot-ratelimit-remaining') ?? '';
      if (response.status === 429)
        expect(asRecord(response.body)).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(remaining).toBe('110');
    clock.advance(1001);
    expect((await h.http('POST', '/crm/v3/objects/deals/search', { body: { limit: 1 } })).status).toBe(200);
  });
});
