import nock from 'nock';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { HubSpotApiError } from '../../src/integrations/hubspot/hubspot-api-error.ts';
import { createHubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import type { LimiterClock } from '../../src/integrations/hubspot/hubspot-rate-limiter.ts';
import type { TokenProvider } from '../../src/integrations/hubspot/token-provider.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { useNockInThisFile } from '../support/nock-lifecycle.ts';

const BASE = 'https://api.hubspot.test';
const PORTAL = 777 as PortalId;

/** A clock whose sleeps return at once and are recorded: the delays the client asked for. */
function recordingClock(): LimiterClock & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

function tokenProvider(tokens: string[]): TokenProvider & { invalidated: string[] } {
  const invalidated: string[] = [];
  let index = 0;
  return {
    invalidated,
    getAccessToken: async () => tokens[Math.min(index, tokens.length - 1)] ?? 'none',
    invalidate: (_portal, token) => {
      invalidated.push(token);
      index += 1;
    },
  };
}

function setup(tokens: string[] = ['token-a']) {
  const clock = recordingClock();
  const provider = tokenProvider(tokens);
  const clients = createHubSpotClients({
    basePath: BASE,
    tokens: provider,
    logger: createLogger({ level: 'silent' }),
    rateLimitPerWindow: 110,
    clock,
    random: () => 0.5,
  });
  return { clock, provider, clients, client: clients.forPortal(PORTAL) };
}

useNockInThisFile();

const get = { operation: 'deals.get', method: 'GET', path: '/crm/v3/objects/deals/1' } as const;

test('a 429 with Retry-After is retried after exactly that many seconds', async () => {
  const { client, clock } = setup();
  nock(BASE)
    .get('/crm/v3/objects/deals/1')
    .reply(
      429,
      { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' },
      { 'Retry-After': '3' },
    );
  nock(BASE).get('/crm/v3/objects/deals/1').reply(200, { id: '1' });

  const response = await client.request(get);

  expect(response).toEqual({ status: 200, body: { id: '1' } });
  expect(clock.sleeps).toContain(3_000);
});

test('a ten-secondly 429 without headers backs off starting at 1 s (with jitter)', async () => {
  const { client, clock } = setup();
  nock(BASE)
    .get('/crm/v3/objects/deals/1')
    .reply(429, { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
  nock(BASE).get('/crm/v3/objects/deals/1').reply(200, { id: '1' });

  await client.request(get);

  // Equal jitter with random 0.5: 1000/2 + 0.5*1000/2 = 750 ms.
  expect(clock.sleeps).toEqual([750]);
});

test('a DAILY 429 is not retried', async () => {
  const { client } = setup();
  nock(BASE)
    .get('/crm/v3/objects/deals/1')
    .reply(429, { status: 'error', errorType: 'RATE_LIMIT', policyName: 'DAILY' });

  await expect(client.request(get)).rejects.toMatchObject({
    status: 429,
    retryable: true,
    message: expect.stringContaining('daily limit'),
  });
});

test('a 423 waits at least 2 s before the retry', async () => {
  const { client, clock } = setup();
  nock(BASE).get('/crm/v3/objects/deals/1').reply(423, { status: 'error', category: 'LOCKED' });
  nock(BASE).get('/crm/v3/objects/deals/1').reply(200, { id: '1' });

  await client.request(get);

  expect(clock.sleeps).toEqual([2_000]);
});

test('5xx is retried with exponential back-off until it succeeds', async () => {
  const { client, clock, clients } = setup();
  nock(BASE).get('/crm/v3/objects/deals/1').reply(502, 'bad gateway');
  nock(BASE).get('/crm/v3/objects/deals/1').reply(503, { status: 'error' });
  nock(BASE).get('/crm/v3/objects/deals/1').reply(200, { id: '1' });

  await client.request(get);

  // base 500: retry 1 ceiling 500 -> 375; retry 2 ceiling 1000 -> 750.
  expect(clock.sleeps).toEqual([375, 750]);
  expect(clients.callLog.stats().byStatus).toEqual({ '502': 1, '503': 1, '200': 1 });
});

test('a 5xx on a create is not repeated blindly (the sync reconciles instead)', async () => {
  const { client } = setup();
  const scope = nock(BASE).post('/crm/v3/objects/line_items/batch/create').once().reply(500, { status: 'error' });

  await expect(
    client.request({
      operation: 'line_items.batch.create',
      method: 'POST',
      path: '/crm/v3/objects/line_items/batch/create',
      body: { inputs: [] },
      idempotent: false,
    }),
  ).rejects.toBeInstanceOf(HubSpotApiError);
  expect(scope.isDone()).toBe(true);
});

test('other 4xx answers are not retried', async () => {
  const { client } = setup();
  nock(BASE)
    .get('/crm/v3/objects/deals/1')
    .once()
    .reply(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'bad' });

  await expect(client.request(get)).rejects.toMatchObject({
    status: 400,
    retryable: false,
    message: expect.stringContaining('VALIDATION_ERROR'),
  });
});

test('a 401 invalidates the token and retries once with a fresh one', async () => {
  const { client, provider } = setup(['stale-token', 'fresh-token']);
  nock(BASE, { reqheaders: { authorization: 'Bearer stale-token' } })
    .get('/crm/v3/objects/deals/1')
    .reply(401, { status: 'error', category: 'EXPIRED_AUTHENTICATION' });
  nock(BASE, { reqheaders: { authorization: 'Bearer fresh-token' } })
    .get('/crm/v3/objects/deals/1')
    .reply(200, { id: '1' });

  await expect(client.request(get)).resolves.toEqual({ status: 200, body: { id: '1' } });
  expect(provider.invalidated).toEqual(['stale-token']);
});

test('a second 401 in a row is returned, not retried forever', async () => {
  const { client } = setup(['t1', 't2', 't3']);
  nock(BASE).get('/crm/v3/objects/deals/1').twice().reply(401, { status: 'error', category: 'INVALID_AUTHENTICATION' });

  await expect(client.request(get)).rejects.toMatchObject({ status: 401 });
});

test('network errors are retried for idempotent calls', async () => {
  const { client } = setup();
  nock(BASE).get('/crm/v3/objects/deals/1').replyWithError('socket hang up');
  nock(BASE).get('/crm/v3/objects/deals/1').reply(200, { id: '1' });

  await expect(client.request(get)).resolves.toEqual({ status: 200, body: { id: '1' } });
});

test('each portal has its own client and limiter; the same portal gets the same client', () => {
  const { clients } = setup();
  expect(clients.forPortal(PORTAL)).toBe(clients.forPortal(PORTAL));
  expect(clients.forPortal(888 as PortalId)).not.toBe(clients.forPortal(PORTAL));
});

test('the call log never contains the access token', async () => {
  const lines: string[] = [];
  const destination = { write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream;
  const clients = createHubSpotClients({
    basePath: BASE,
    tokens: tokenProvider(['secret-token-xyz']),
    logger: createLogger({ level: 'debug', destination }),
    rateLimitPerWindow: 110,
    clock: recordingClock(),
  });
  nock(BASE).get('/crm/v3/objects/deals/1').reply(200, { id: '1' });

  await clients.forPortal(PORTAL).request(get);

  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0] ?? '{}').hubspot).toMatchObject({
    portalId: 777,
    operation: 'deals.get',
    method: 'GET',
    status: 200,
    attempt: 1,
  });
  expect(lines.join('')).not.toContain('secret-token-xyz');
});
