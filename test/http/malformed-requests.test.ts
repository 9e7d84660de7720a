import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { Router } from 'express';
import { createHttpApp } from '../../src/kernel/http/create-http-app.ts';
import { signV3 } from '../../src/kernel/http/hubspot-signature.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { TEST_PUBLIC_BASE_URL, TEST_SECRET } from '../support/http-harness.ts';

let database: TestDatabase;
let server: Server;
let url: string;
const lines: Array<{ level: number; msg?: string }> = [];
const NOW = 1_800_000_000_000;

beforeAll(async () => {
  database = await createTestDatabase();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as { level: number });
      done();
    },
  });
  const router = Router();
  router.get('/v1/quotes/:id', (req, res) => void res.json({ id: req.params.id }));
  router.get('/v1/deals/:dealId/quotes', (req, res) => void res.json({ dealId: req.params.dealId }));
  router.get('/v1/audit/:id', (req, res) => void res.json({ id: req.params.id }));
  router.post('/v1/echo', (req, res) => void res.json({ ok: true }));
  const app = createHttpApp({
    db: database.db,
    logger: createLogger({ level: 'info', destination }),
    signature: {
      clientSecret: TEST_SECRET,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
      bodyLimitBytes: 1_048_576,
      acceptLegacySignatures: false,
      now: () => NOW,
    },
    apiRouters: [router],
    webhookRouters: [Router().post('/hubspot', (_req, res) => void res.json({ ok: true }))],
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});
beforeEach(() => {
  lines.length = 0;
});

/** pino levels: 30 info, 40 warn, 50 error. */
const loudest = () => Math.max(0, ...lines.map((l) => l.level));

function signedGet(path: string): Promise<Response> {
  const timestamp = String(NOW);
  const signature = signV3({
    clientSecret: TEST_SECRET,
    method: 'GET',
    uri: `${TEST_PUBLIC_BASE_URL}${path}`,
    rawBody: '',
    timestamp,
  });
  return fetch(`${url}${path}`, {
    headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
  });
}

describe('malformed requests are refused with 4xx and logged at most at info, never 500', () => {
  test.each([
    ['gzip', '/webhooks/hubspot'],
    ['deflate', '/webhooks/hubspot'],
    ['br', '/webhooks/hubspot'],
    ['gzip', '/api/v1/echo'],
    ['br', '/api/v1/echo'],
  ])(
    'unsigned POST with Content-Encoding %s and data that is not compressed -> 400/415 on %s',
    async (encoding, path) => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: 'this is not compressed data at all',
      });
      expect([400, 415]).toContain(response.status);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe('BODY_UNREADABLE');
      expect(loudest()).toBeLessThanOrEqual(30);
    },
  );

  test.each(['/api/v1/quotes/%ZZ', '/api/v1/deals/%C0%AF/quotes', '/api/v1/audit/%FF'])(
    'signed request with a bad escape in a path parameter -> 400 INVALID_PATH_PARAM (%s)',
    async (path) => {
      const response = await signedGet(`${path}?portalId=123`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe('INVALID_PATH_PARAM');
      expect(loudest()).toBeLessThanOrEqual(30);
    },
  );
});
