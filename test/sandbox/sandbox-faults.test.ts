import { asRecord, startSandbox, type Harness } from './sandbox-harness.ts';

async function statuses(h: Harness, count: number): Promise<number[]> {
  const result: number[] = [];
  for (let index = 0; index < count; index += 1)
    result.push((await h.http('GET', '/crm/v3/objects/deals?limit=1')).status);
  return result;
}

describe('sandbox fault injection (seeded, switchable at runtime)', () => {
  const opened: Harness[] = [];
  const start = async () => {
    const h = await startSandbox({ rateLimit: { maxRequests: 10_000, windowMs: 10_000 } });
    opened.push(h);
    return h;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((h) => h.close()));
  });

  test('the same seed and rates give the same fault sequence; another seed gives another', async () => {
    const settings = { rate429: 0.2, rate5xx: 0.2, rate423: 0.1, seed: 42 };
    const [a, b, c] = [await start(), await start(), await start()];
    a.sandbox.faults.set(settings);
    b.sandbox.faults.set(settings);
    c.sandbox.faults.set({ ...settings, seed: 43 });
    const [first, second, third] = [await statuses(a, 40), await statuses(b, 40), await statuses(c, 40)];
    expect(first).toEqual(second);
    expect(third).not.toEqual(first);
    expect(first.filter((status) => ![200, 429, 423, 500, 502, 503].includes(status))).toEqual([]);
    expect([429, 423].map((status) => first.includes(status))).toEqual([true, true]);
    expect(first.some((status) => [500, 502, 503].includes(status))).toBe(true);
    expect(a.sandbox.faults.injectedCounts()['429']).toBe(first.filter((status) => status === 429).length);
  });

  test('re-setting the seed replays the sequence', async () => {
    const h = await start();
    h.sandbox.faults.set({ rate5xx: 0.5, seed: 7 });
    const run1 = await statuses(h, 20);
    h.sandbox.faults.set({ seed: 7 });
    expect(await statuses(h, 20)).toEqual(run1);
  });

  test('a script forces the next outcomes in order, then requests pass again', async () => {
    const h = await start();
    const response = await h.http('POST', '/__sandbox/faults', { token: null, body: { script: [503, 429, 423] } });
    expect(response.status).toBe(200);
    expect(await statuses(h, 4)).toEqual([503, 429, 423, 200]);
  });

  test('injected faults use HubSpot bodies: 429 RATE_LIMIT TEN_SECONDLY_ROLLING, 423 asks to wait 2 s, 5xx status "error"', async () => {
    const h = await start();
    h.sandbox.faults.set({ script: [429, 423, 502] });
    const limited = await h.http('GET', '/crm/v3/objects/deals');
    expect(asRecord(limited.body)).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    const locked = await h.http('GET', '/crm/v3/objects/deals');
    expect(String(asRecord(locked.body).message)).toContain('2 seconds');
    const gateway = await h.http('GET', '/crm/v3/objects/deals');
    expect([gateway.status, asRecord(gateway.body).status]).toEqual([502, 'error']);
  });

  test('latency delays each response by at least latencyMs', async () => {
    const h = await start();
    h.sandbox.faults.set({ latencyMs: 150 });
    const started = performance.now();
    expect((await h.http('GET', '/crm/v3/objects/deals')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('a timeout never answers: the client gives up, and closing the sandbox still completes', async () => {
    const h = await start();
    h.sandbox.faults.set({ timeoutRate: 1 });
    const call = fetch(`${h.server.url}/crm/v3/objects/deals`, {
      headers: { Authorization: `Bearer ${h.sandbox.demoAccessToken}` },
      signal: AbortSignal.timeout(200),
    });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  test('paths limit faults to matching routes; OAuth and admin routes are never faulted', async () => {
    const h = await start();
    h.sandbox.faults.set({ rate5xx: 1, paths: ['/crm/v3/objects/quotes'] });
    expect((await h.http('GET', '/crm/v3/objects/deals')).status).toBe(200);
    expect((await h.http('GET', '/crm/v3/objects/quotes')).status).toBeGreaterThanOrEqual(500);
    h.sandbox.faults.set({ paths: [] });
    expect((await h.http('GET', '/__sandbox/state', { token: null })).status).toBe(200);
  });

  test('invalid fault settings are refused with 400 (rates above 1 or summing above 1)', async () => {
    const h = await start();
    expect((await h.http('POST', '/__sandbox/faults', { token: null, body: { rate429: 2 } })).status).toBe(400);
    expect(
      (await h.http('POST', '/__sandbox/faults', { token: null, body: { rate429: 0.6, rate5xx: 0.6 } })).status,
    ).toBe(400);
    expect(h.sandbox.faults.current().rate429).toBe(0);
  });

  test('request counters by status are exposed for benchmarks', async () => {
    const h = await start();
    h.sandbox.faults.set({ script: [503] });
    await statuses(h, 3);
    await h.http('GET', '/crm/v3/objects/deals', { token: null });
    const stats = asRecord(asRecord((await h.http('GET', '/__sandbox/stats', { token: null })).body).requests);
    expect(stats.byStatus).toEqual({ '200': 2, '401': 1, '503': 1 });
    expect(asRecord(stats.byRoute)['GET /crm/v3/objects/deals']).toEqual({ '200': 2, '401': 1, '503': 1 });
  });
});
