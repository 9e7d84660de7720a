import { createServer, type Server } from 'node:http';
import express, { Router } from 'express';
import { sql } from 'kysely';
import { errorMiddleware } from '../../src/kernel/http/error-middleware.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { oauthRouter } from '../../src/modules/tenancy/oauth-routes.ts';
import { startHttpHarness, type HttpHarness } from '../support/http-harness.ts';

describe('replayed signed card requests are refused with 409', () => {
  let harness: HttpHarness;
  let created = 0;

  beforeAll(async () => {
    const router = Router();
    router.post('/v1/things', (_req, res) => {
      created += 1;
      res.status(201).json({ created });
    });
    router.get('/v1/things', (_req, res) => void res.json({ created }));
    harness = await startHttpHarness({ apiRouters: [router] });
  });
  afterAll(async () => harness.close());

  test('the same signed POST sent twice within its window: 201 then 409 SIGNATURE_REPLAYED, one effect', async () => {
    const request = { body: '{"name":"x"}', timestamp: harness.now.value - 1000 };
    const first = await harness.signedFetch('POST', '/api/v1/things?portalId=5', request);
    expect(first.status).toBe(201);
    const replay = await harness.signedFetch('POST', '/api/v1/things?portalId=5', request);
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('SIGNATURE_REPLAYED');
    expect(created).toBe(1);
    // A new request (new timestamp, so a new signature) with the same body is not a replay.
    const again = await harness.signedFetch('POST', '/api/v1/things?portalId=5', { body: '{"name":"x"}' });
    expect(again.status).toBe(201);
    expect(created).toBe(2);
  });

  test('seen signatures are kept only until their window has passed', async () => {
    const rows = await sql<{ n: number; later: boolean }>`
      select count(*)::int as n, bool_and(expires_at <= ${new Date(harness.now.value + 5 * 60_000 + 1000)}) as later
      from seen_request_signatures`.execute(harness.database.db);
    expect(rows.rows[0]).toEqual({ n: 2, later: true });
  });

  test('a GET is not replay-checked (a read returns what the captured response showed)', async () => {
    const request = { timestamp: harness.now.value - 2000 };
    expect((await harness.signedFetch('GET', '/api/v1/things?portalId=5', request)).status).toBe(200);
    expect((await harness.signedFetch('GET', '/api/v1/things?portalId=5', request)).status).toBe(200);
  });
});

describe('/oauth/install and /oauth/callback are rate limited per client address', () => {
  let server: Server;
  let url: string;
  let contexts = 0;

  beforeAll(async () => {
    const app = express();
    app.use(
      oauthRouter({
        authorizeBaseUrl: 'https://app.hubspot.example/oauth/authorize',
        clientId: 'client',
        redirectUri: 'https://cpq.example/oauth/callback',
        stateKey: Buffer.alloc(32, 1),
        hubSpotAppUrl: 'https://app.hubspot.example',
        context: async () => {
          contexts += 1;
          throw new Error('no HubSpot in this test');
        },
        now: () => 1_800_000_000_000,
        perIpPerMinute: 3,
      }),
    );
    app.use(errorMiddleware(createLogger({ level: 'silent' })));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('past the limit /oauth/install answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${url}/oauth/install`, { redirect: 'manual' })).status);
    expect(statuses).toEqual([302, 302, 302, 429]);
    const limited = await fetch(`${url}/oauth/install`, { redirect: 'manual' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  test('past the limit forged callbacks get 429 before any token call', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await fetch(`${url}/oauth/callback?code=forged&state=forged`, { redirect: 'manual' })).status);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(statuses.slice(0, 3).every((status) => status !== 429)).toBe(true);
    expect(contexts).toBeLessThanOrEqual(3);
  });
});
