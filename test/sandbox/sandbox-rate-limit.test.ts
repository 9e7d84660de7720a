import { Client } from '@hubspot/api-client';
import { ManualClock } from '../../tools/hubspot-sandbox/sandbox-clock.ts';
import { apiError, asRecord, startSandbox, type Harness } from './sandbox-harness.ts';

describe('sandbox rate limit: 110 requests per rolling 10 s per portal (TEN_SECONDLY_ROLLING)', () => {
  let h: Harness;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 6, 1));
    h = await startSandbox({ clock, seed: false });
  });
  afterEach(async () => {
    await h.close();
  });

  const get = () => h.http('GET', '/crm/v3/objects/deals?limit=1');

  test('the 111th request within 10 s is a 429 with the documented body and X-HubSpot-RateLimit-* headers', async () => {
    const remaining: string[] = [];
    for (let index = 0; index < 110; index += 1) {
      const response = await get();
      expect(response.status).toBe(200);
      remaining.push(response.headers.get('x-hubspot-ratelimit-remaining') ?? '');
    }
    expect(remaining.slice(0, 2)).toEqual(['109', '108']);
    expect(remaining[109]).toBe('0');

    const limited = await get();
    expect(limited.status).toBe(429);
    const body = asRecord(limited.body);
    expect(Object.keys(body).sort()).toEqual(['correlationId', 'errorType', 'message', 'policyName', 'status']);
    expect(body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(typeof body.message).toBe('string');
    expect(limited.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');

    const viaClient = await apiError(h.client.crm.deals.basicApi.getPage(1));
    expect(viaClient.code).toBe(429);
  });

  test('the window rolls: requests leave it 10 s after they were made', async () => {
    for (let index = 0; index < 60; index += 1) await get();
    clock.advance(5000);
    for (let index = 0; index < 50; index += 1) await get();
    expect((await get()).status).toBe(429);
    clock.advance(5001);
    const afterFirstBurst = await get();
    expect(afterFirstBurst.status).toBe(200);
    expect(afterFirstBurst.headers.get('x-hubspot-ratelimit-remaining')).toBe('59');
  });

  test('a refused request does not count: after the 429, advancing past the window gives a full budget again', async () => {
    for (let index = 0; index < 115; index += 1) await get();
    clock.advance(10_001);
    expect((await get()).headers.get('x-hubspot-ratelimit-remaining')).toBe('109');
  });

  test('each portal has its own window', async () => {
    for (let index = 0; index < 110; index += 1) await get();
    expect((await get()).status).toBe(429);
    const code = asRecord(
      (
        await h.http('POST', '/__sandbox/oauth/codes', {
          token: null,
          body: { portalId: 999, redirectUri: 'https://cpq.example.com/cb' },
        })
      ).body,
    ).code;
    const tokens = await h.client.oauth.tokensApi.create(
      'authorization_code',
      String(code),
      'https://cpq.example.com/cb',
      h.sandbox.oauth.clientId,
      h.sandbox.oauth.clientSecret,
    );
    const other = new Client({ accessToken: tokens.accessToken, basePath: h.server.url });
    expect((await other.crm.deals.basicApi.getPage(1)).results).toEqual([]);
  });

  test('the limit is configurable per sandbox', async () => {
    const small = await startSandbox({ clock, seed: false, rateLimit: { maxRequests: 3, windowMs: 1000 } });
    try {
      const statuses = [];
      for (let index = 0; index < 4; index += 1)
        statuses.push((await small.http('GET', '/crm/v3/objects/deals')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await small.close();
    }
  });
});
