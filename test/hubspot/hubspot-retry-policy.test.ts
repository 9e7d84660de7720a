import {
  backoffMs,
  decideRetry,
  DEFAULT_RETRY_SETTINGS,
  type CallOutcome,
} from '../../src/integrations/hubspot/hubspot-retry-policy.ts';

const noHeaders = { get: () => null };
const status = (code: number, body: unknown = {}, headers: Record<string, string> = {}): CallOutcome => ({
  kind: 'status',
  status: code,
  body,
  headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
});

test('exponential back-off doubles per retry and is capped, with equal jitter between half and all of it', () => {
  const settings = DEFAULT_RETRY_SETTINGS;
  expect([1, 2, 3, 4].map((n) => backoffMs(n, settings, () => 0))).toEqual([250, 500, 1000, 2000]);
  expect([1, 2, 3, 4].map((n) => backoffMs(n, settings, () => 1))).toEqual([500, 1000, 2000, 4000]);
  expect(backoffMs(20, settings, () => 1)).toBe(30_000);
});

test('429 honours Retry-After, SECONDLY waits 1 s, DAILY is final', () => {
  expect(
    decideRetry(status(429, { policyName: 'TEN_SECONDLY_ROLLING' }, { 'retry-after': '2' }), 1, { idempotent: false }),
  ).toMatchObject({ retry: true, delayMs: 2_000, pausePortal: true });
  expect(decideRetry(status(429, { policyName: 'SECONDLY' }), 1, { idempotent: true })).toMatchObject({
    retry: true,
    delayMs: 1_000,
  });
  expect(decideRetry(status(429, { policyName: 'DAILY' }), 1, { idempotent: true })).toEqual({
    retry: false,
    reason: 'daily limit reached',
  });
});

test('423 waits at least 2 s even on the first retry', () => {
  expect(decideRetry(status(423), 1, { idempotent: true, random: () => 0 })).toMatchObject({
    retry: true,
    delayMs: 2_000,
  });
});

test('5xx and network errors retry only when repeating cannot apply the call twice', () => {
  expect(decideRetry(status(503), 1, { idempotent: true, random: () => 0 })).toMatchObject({
    retry: true,
    delayMs: 250,
  });
  expect(decideRetry(status(503), 1, { idempotent: false })).toMatchObject({ retry: false });
  expect(decideRetry({ kind: 'network', message: 'timeout' }, 1, { idempotent: true, random: () => 0 })).toMatchObject({
    retry: true,
    delayMs: 250,
  });
  expect(decideRetry({ kind: 'network', message: 'timeout' }, 1, { idempotent: false })).toMatchObject({
    retry: false,
  });
});

test('other 4xx are never retried, and nothing is retried past the limit', () => {
  for (const code of [400, 403, 404, 409])
    expect(decideRetry(status(code), 1, { idempotent: true })).toMatchObject({ retry: false });
  expect(decideRetry(status(503), DEFAULT_RETRY_SETTINGS.maxRetries + 1, { idempotent: true })).toEqual({
    retry: false,
    reason: 'retries exhausted',
  });
  expect(
    decideRetry({ kind: 'status', status: 500, body: undefined, headers: noHeaders }, 2, {
      idempotent: true,
      random: () => 1,
    }),
  ).toMatchObject({ delayMs: 1_000 });
});
