import { signV1, signV2, signV3, verifyHubSpotSignature } from '../../src/kernel/http/hubspot-signature.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const NOW = 1_700_000_000_000;
const FIVE_MINUTES = 300_000;
const URI = 'https://cpq.example.com/api/v1/pricing/calculate?portalId=62515&userId=7&userEmail=a%40b.com';
const BODY = Buffer.from('{"currency":"USD","lines":[]}');

interface RequestParts {
  method?: string;
  uri?: string;
  body?: Buffer;
  timestamp?: string;
  secret?: string;
}

/** A request signed with v3 by `secret` (default: the right one), as HubSpot would send it. */
function signedV3Headers(parts: RequestParts = {}): Record<string, string | undefined> {
  const timestamp = parts.timestamp ?? String(NOW);
  return {
    'x-hubspot-signature-v3': signV3({
      clientSecret: parts.secret ?? SECRET,
      method: parts.method ?? 'POST',
      uri: parts.uri ?? URI,
      rawBody: parts.body ?? BODY,
      timestamp,
    }),
    'x-hubspot-request-timestamp': timestamp,
  };
}

function verify(
  headers: Record<string, string | undefined>,
  overrides: Partial<Parameters<typeof verifyHubSpotSignature>[0]> = {},
) {
  return verifyHubSpotSignature({
    method: 'POST',
    uri: URI,
    rawBody: BODY,
    headers,
    clientSecret: SECRET,
    nowMs: NOW,
    ...overrides,
  });
}

function failureCode(check: ReturnType<typeof verifyHubSpotSignature>): string {
  return check.ok ? 'ok' : check.code;
}

describe('verifyHubSpotSignature (v3)', () => {
  test('a correctly signed v3 request is accepted as v3', () => {
    expect(verify(signedV3Headers())).toEqual({ ok: true, version: 'v3' });
  });

  test('the reference v3 vector verifies end to end', () => {
    const check = verifyHubSpotSignature({
      method: 'POST',
      uri: 'https://www.example.com/webhook_uri',
      rawBody: Buffer.from('{"example_field":"example_value"}'),
      headers: {
        'x-hubspot-signature-v3': 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=',
        'x-hubspot-request-timestamp': '1700000000000',
      },
      clientSecret: SECRET,
      nowMs: 1_700_000_060_000,
    });
    expect(check).toEqual({ ok: true, version: 'v3' });
  });

  test('a tampered body is rejected as invalid', () => {
    expect(failureCode(verify(signedV3Headers(), { rawBody: Buffer.from('{"currency":"EUR","lines":[]}') }))).toBe(
      'SIGNATURE_INVALID',
    );
  });

  test('a tampered query (other portalId) is rejected as invalid', () => {
    expect(failureCode(verify(signedV3Headers(), { uri: URI.replace('portalId=62515', 'portalId=62516') }))).toBe(
      'SIGNATURE_INVALID',
    );
  });

  test('reordered query parameters are rejected: the URI is signed as received', () => {
    const reordered = 'https://cpq.example.com/api/v1/pricing/calculate?userId=7&portalId=62515&userEmail=a%40b.com';
    expect(failureCode(verify(signedV3Headers(), { uri: reordered }))).toBe('SIGNATURE_INVALID');
  });

  test('another method is rejected as invalid', () => {
    expect(failureCode(verify(signedV3Headers(), { method: 'PUT' }))).toBe('SIGNATURE_INVALID');
  });

  test('lowercase percent-encoding in the received URI verifies against HubSpot decoding', () => {
    const lower = 'https://cpq.example.com/hook?email=a%40b.com&ts=2024-01-01T00%3a00';
    const upperSigned = signedV3Headers({ uri: 'https://cpq.example.com/hook?email=a@b.com&ts=2024-01-01T00:00' });
    expect(verify(upperSigned, { uri: lower })).toEqual({ ok: true, version: 'v3' });
  });

  test('a signature made with another secret is invalid', () => {
    expect(failureCode(verify(signedV3Headers({ secret: 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz' })))).toBe(
      'SIGNATURE_INVALID',
    );
  });

  test('a signature of a different length is invalid without throwing', () => {
    const headers = { ...signedV3Headers(), 'x-hubspot-signature-v3': 'c2hvcnQ=' };
    expect(failureCode(verify(headers))).toBe('SIGNATURE_INVALID');
  });

  test('a timestamp exactly 5 minutes old is accepted; 1 ms older is stale', () => {
    expect(verify(signedV3Headers({ timestamp: String(NOW - FIVE_MINUTES) }))).toEqual({ ok: true, version: 'v3' });
    expect(failureCode(verify(signedV3Headers({ timestamp: String(NOW - FIVE_MINUTES - 1) })))).toBe('SIGNATURE_STALE');
  });

  test('a timestamp exactly 5 minutes ahead is accepted; 1 ms further is from the future', () => {
    expect(verify(signedV3Headers({ timestamp: String(NOW + FIVE_MINUTES) }))).toEqual({ ok: true, version: 'v3' });
    expect(failureCode(verify(signedV3Headers({ timestamp: String(NOW + FIVE_MINUTES + 1) })))).toBe(
      'SIGNATURE_FROM_FUTURE',
    );
  });

  test('maxSkewMs narrows the window in both directions', () => {
    expect(failureCode(verify(signedV3Headers({ timestamp: String(NOW - 1001) }), { maxSkewMs: 1000 }))).toBe(
      'SIGNATURE_STALE',
    );
    expect(failureCode(verify(signedV3Headers({ timestamp: String(NOW + 1001) }), { maxSkewMs: 1000 }))).toBe(
      'SIGNATURE_FROM_FUTURE',
    );
  });

  test.each(['abc', '1.7e12', '-1700000000000', ' 1700000000000', '1700000000000.0', '0x18BCFE56800'])(
    'a non-numeric timestamp %p is rejected as invalid',
    (timestamp) => {
      expect(failureCode(verify(signedV3Headers({ timestamp })))).toBe('SIGNATURE_TIMESTAMP_INVALID');
    },
  );

  test('a missing timestamp header is reported as missing', () => {
    const headers = { ...signedV3Headers(), 'x-hubspot-request-timestamp': undefined };
    expect(failureCode(verify(headers))).toBe('SIGNATURE_MISSING');
  });

  test('no signature header at all is reported as missing', () => {
    expect(failureCode(verify({}))).toBe('SIGNATURE_MISSING');
    expect(failureCode(verify({ 'x-hubspot-signature-v3': '', 'x-hubspot-request-timestamp': String(NOW) }))).toBe(
      'SIGNATURE_MISSING',
    );
  });

  test('an empty client secret is a configuration error, not a verdict', () => {
    expect(() => verify(signedV3Headers(), { clientSecret: '' })).toThrow(AppError);
  });
});

describe('verifyHubSpotSignature (legacy v1/v2)', () => {
  const v2Headers = {
    'x-hubspot-signature': signV2(SECRET, 'POST', URI, BODY),
    'x-hubspot-signature-version': 'v2',
  };
  const v1Headers = { 'x-hubspot-signature': signV1(SECRET, BODY), 'x-hubspot-signature-version': 'v1' };

  test('legacy signatures are rejected unless acceptLegacy is set (they can be replayed)', () => {
    expect(failureCode(verify(v2Headers))).toBe('SIGNATURE_VERSION_UNSUPPORTED');
    expect(failureCode(verify(v1Headers))).toBe('SIGNATURE_VERSION_UNSUPPORTED');
  });

  test('with acceptLegacy, valid v1 and v2 signatures are accepted with their version', () => {
    expect(verify(v1Headers, { acceptLegacy: true })).toEqual({ ok: true, version: 'v1' });
    expect(verify(v2Headers, { acceptLegacy: true })).toEqual({ ok: true, version: 'v2' });
  });

  test('with acceptLegacy, a tampered body fails v1 and v2', () => {
    const rawBody = Buffer.from('{"currency":"EUR","lines":[]}');
    expect(failureCode(verify(v1Headers, { acceptLegacy: true, rawBody }))).toBe('SIGNATURE_INVALID');
    expect(failureCode(verify(v2Headers, { acceptLegacy: true, rawBody }))).toBe('SIGNATURE_INVALID');
  });

  test('with acceptLegacy, an unknown or absent version is unsupported', () => {
    const signature = signV1(SECRET, BODY);
    expect(
      failureCode(
        verify({ 'x-hubspot-signature': signature, 'x-hubspot-signature-version': 'v4' }, { acceptLegacy: true }),
      ),
    ).toBe('SIGNATURE_VERSION_UNSUPPORTED');
    expect(failureCode(verify({ 'x-hubspot-signature': signature }, { acceptLegacy: true }))).toBe(
      'SIGNATURE_VERSION_UNSUPPORTED',
    );
  });

  test('a v3 header takes precedence: a bad v3 is not rescued by a good v2', () => {
    const headers = { ...v2Headers, 'x-hubspot-signature-v3': 'AAAA', 'x-hubspot-request-timestamp': String(NOW) };
    expect(failureCode(verify(headers, { acceptLegacy: true }))).toBe('SIGNATURE_INVALID');
  });
});
