import nock from 'nock';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import {
  associationsBatchCreate,
  batchCreate,
  batchUpdate,
  batchUpsert,
  searchAll,
} from '../../src/integrations/hubspot/hubspot-batch-api.ts';
import { createHubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { useNockInThisFile } from '../support/nock-lifecycle.ts';

const BASE = 'https://api.hubspot.test';

/** Sleeps return at once: the search lane's 5/s pacing would otherwise make this test slow. */
const instantClock = (() => {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
})();

function client() {
  return createHubSpotClients({
    basePath: BASE,
    tokens: createStaticTokenProvider(new Map([[5, 't']])),
    logger: createLogger({ level: 'silent' }),
    rateLimitPerWindow: 1000,
    clock: instantClock,
  }).forPortal(5 as PortalId);
}

/** nock 15 calls a reply function with the fetch Request (a two-argument function is taken as callback style). */
async function json<T>(request: Request): Promise<T> {
  return (await request.json()) as T;
}

useNockInThisFile();

function echoResults(body: { inputs: Array<{ properties?: Record<string, string>; id?: string }> }) {
  return {
    status: 'COMPLETE',
    results: body.inputs.map((input, index) => ({
      id: input.id ?? `new-${input.properties?.n}-${index}`,
      properties: input.properties ?? {},
    })),
  };
}

test('batch create sends at most 100 inputs per call (250 inputs = 100 + 100 + 50)', async () => {
  const sizes: number[] = [];
  nock(BASE)
    .post('/crm/v3/objects/line_items/batch/create')
    .times(3)
    .reply(201, async (request: Request) => {
      const parsed = await json<{ inputs: Array<{ properties: Record<string, string> }> }>(request);
      sizes.push(parsed.inputs.length);
      return echoResults(parsed);
    });

  const result = await batchCreate(
    client(),
    'line_items',
    Array.from({ length: 250 }, (_, n) => ({ properties: { n: String(n) } })),
  );

  expect(sizes).toEqual([100, 100, 50]);
  expect(result.results).toHaveLength(250);
  expect(result.errors).toEqual([]);
});

test('a 207 keeps the records that succeeded and names the refused ids per record', async () => {
  nock(BASE)
    .post('/crm/v3/objects/line_items/batch/update')
    .reply(207, {
      status: 'COMPLETE',
      results: [{ id: '1', properties: { quantity: '2' } }],
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'Could not get some LINE_ITEM objects',
          context: { ids: ['2'] },
        },
      ],
    });

  const result = await batchUpdate(client(), 'line_items', [
    { id: '1', properties: { quantity: '2' } },
    { id: '2', properties: { quantity: '3' } },
  ]);

  expect(result).toEqual({
    results: [{ id: '1', properties: { quantity: '2' } }],
    errors: [
      { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some LINE_ITEM objects', ids: ['2'] },
    ],
  });
});

test('batch upsert names the idProperty on every input', async () => {
  let sent: unknown;
  nock(BASE)
    .post('/crm/v3/objects/products/batch/upsert')
    .reply(200, async (request: Request) => {
      sent = await json(request);
      return { status: 'COMPLETE', results: [] };
    });

  await batchUpsert(client(), 'products', 'hs_sku', [{ id: 'SKU-1', properties: { name: 'A' } }]);

  expect(sent).toEqual({ inputs: [{ id: 'SKU-1', idProperty: 'hs_sku', properties: { name: 'A' } }] });
});

test('associations v4 batch create sends at most 2,000 per call with the explicit type id', async () => {
  const sizes: number[] = [];
  let first: unknown;
  nock(BASE)
    .post('/crm/v4/associations/quotes/line_items/batch/create')
    .times(3)
    .reply(201, async (request: Request) => {
      const parsed = await json<{ inputs: unknown[] }>(request);
      sizes.push(parsed.inputs.length);
      first ??= parsed.inputs[0];
      return { status: 'COMPLETE', results: [] };
    });

  const errors = await associationsBatchCreate(
    client(),
    'quotes',
    'line_items',
    Array.from({ length: 4500 }, (_, n) => ({ fromId: '9', toId: String(n), typeId: 67 })),
  );

  expect(sizes).toEqual([2000, 2000, 500]);
  expect(first).toEqual({
    from: { id: '9' },
    to: { id: '0' },
    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 67 }],
  });
  expect(errors).toEqual([]);
});

test('search pages 200 at a time and stops at the 10,000-result ceiling', async () => {
  const afters: Array<string | undefined> = [];
  nock(BASE)
    .post('/crm/v3/objects/deals/search')
    .times(50)
    .reply(200, async (request: Request) => {
      const parsed = await json<{ after?: string; limit: number }>(request);
      afters.push(parsed.after);
      const start = Number(parsed.after ?? '0');
      return {
        total: 12_000,
        results: Array.from({ length: parsed.limit }, (_, n) => ({ id: String(start + n), properties: {} })),
        paging: { next: { after: String(start + parsed.limit) } },
      };
    });

  const result = await searchAll(client(), 'deals', { filterGroups: [], properties: ['amount'] });

  expect(afters).toHaveLength(50);
  expect(afters[1]).toBe('200');
  expect(result.results).toHaveLength(10_000);
  expect(result.truncated).toBe(true);
});
