import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../src/kernel/errors/app-error.ts';
import { parseInput } from '../../src/kernel/errors/parse-input.ts';
import { getSignedContext, requireSignedPortal } from '../../src/kernel/http/signed-context.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';

/** A probe route that echoes what the signature middleware established, and fails on demand. */
function probeRouter(): Router {
  const router = Router();
  router.post('/v1/probe', (req, res) => {
    const body = parseInput(z.object({ name: z.string(), count: z.number().int() }), req.body, 'PROBE_INVALID');
    res.json({ portalId: requireSignedPortal(res), userId: getSignedContext(res).userId ?? null, body });
  });
  router.get('/v1/probe/conflict', () => {
    throw new AppError('conflict', 'PROBE_CONFLICT', 'Quote was changed by someone else');
  });
  router.get('/v1/probe/forbidden', () => {
    throw new AppError('forbidden', 'PROBE_FORBIDDEN', 'Only approvers may approve');
  });
  router.get('/v1/probe/busy', () => {
    throw new AppError('rate-limited', 'PROBE_RATE_LIMITED', 'Slow down', { retryAfterSeconds: 7 });
  });
  router.get('/v1/probe/crash', () => {
    throw new Error('connection string postgres://secret@db leaked?');
  });
  return router;
}

describe('HTTP foundation', () => {
  let http: HttpHarness;
  beforeAll(async () => {
    http = await startHttpHarness({ apiRouters: [probeRouter()], bodyLimitBytes: 2048 });
  });
  afterAll(() => http.close());

  test('GET /healthz is 200 {"status":"ok"} once the database is migrated', async () => {
    const response = await fetch(`${http.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('a signed card call gets the portal and user from the signed query string', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=62515&userId=7&appId=1', {
      body: '{"name":"a","count":2}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ portalId: 62515, userId: 7, body: { name: 'a', count: 2 } });
  });

  test('no signature -> 401 with the error JSON', async () => {
    const response = await fetch(`${http.url}/api/v1/probe?portalId=1`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'SIGNATURE_MISSING', message: expect.any(String), issues: [] },
    });
  });

  test('a signature over another body is 401, not 400 (signature is checked before JSON)', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=1', {
      body: 'not json',
      secret: 'wrong-secret',
    });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('SIGNATURE_INVALID');
  });

  test('a stale timestamp (5 min + 1 ms) is 401 SIGNATURE_STALE', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=1', {
      body: '{}',
      timestamp: http.now.value - 300_001,
    });
    expect((await errorOf(response)).code).toBe('SIGNATURE_STALE');
  });

  test('a signature for portal A replayed with portalId=B in the query is 401', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=2', {
      body: '{"name":"a","count":1}',
      signedPath: '/api/v1/probe?portalId=1',
    });
    expect(response.status).toBe(401);
  });

  test('a duplicated portalId parameter is 401 SIGNATURE_PORTAL_AMBIGUOUS even when signed', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=1&portalId=2', {
      body: '{"name":"a","count":1}',
    });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('SIGNATURE_PORTAL_AMBIGUOUS');
  });

  test('the Host header does not matter: the URI is rebuilt from PUBLIC_BASE_URL', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=5', {
      body: '{"name":"a","count":1}',
      headers: { 'x-forwarded-host': 'evil.example' },
    });
    expect(response.status).toBe(200);
  });

  test('malformed JSON with a valid signature -> 400 INVALID_JSON', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=1', { body: '{"name":' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'INVALID_JSON',
        message: 'Body is not valid JSON',
        issues: [{ path: '', message: 'Body is not valid JSON' }],
      },
    });
  });

  test('a schema violation -> 400 naming each failing field', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=1', { body: '{"name":5,"count":1.5}' });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('PROBE_INVALID');
    expect(error.issues.map((issue) => issue.path)).toEqual(['name', 'count']);
  });

  test('a body over the limit -> 413 BODY_TOO_LARGE', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=1', {
      body: JSON.stringify({ name: 'x'.repeat(4000), count: 1 }),
    });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('BODY_TOO_LARGE');
  });

  test('a non-JSON content type -> 415', async () => {
    const response = await http.signedFetch('POST', '/api/v1/probe?portalId=1', {
      body: 'name=a',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
  });

  test('a typed conflict error -> 409 with its code', async () => {
    const response = await http.signedFetch('GET', '/api/v1/probe/conflict?portalId=1');
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toEqual({
      code: 'PROBE_CONFLICT',
      message: 'Quote was changed by someone else',
      issues: [],
    });
  });

  test('a forbidden error -> 403 with its code', async () => {
    const response = await http.signedFetch('GET', '/api/v1/probe/forbidden?portalId=1');
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('PROBE_FORBIDDEN');
  });

  test('a rate-limited error -> 429 with Retry-After', async () => {
    const response = await http.signedFetch('GET', '/api/v1/probe/busy?portalId=1');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect((await errorOf(response)).code).toBe('PROBE_RATE_LIMITED');
  });

  test('an unexpected error -> 500 without internals', async () => {
    const response = await http.signedFetch('GET', '/api/v1/probe/crash?portalId=1');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'Internal error', issues: [] } });
    expect(text).not.toContain('postgres://');
  });

  test('an unknown route -> 404 ROUTE_NOT_FOUND', async () => {
    const response = await fetch(`${http.url}/nope`);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('ROUTE_NOT_FOUND');
  });

  test('an unsigned request to /webhooks is 401', async () => {
    const response = await fetch(`${http.url}/webhooks/hubspot`, { method: 'POST', body: '[]' });
    expect(response.status).toBe(401);
  });
});
