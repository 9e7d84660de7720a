import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import { signV1, signV2, signV3 } from './signature-digests.ts';

/**
 * Verifies the signature HubSpot puts on webhook deliveries and on `hubspot.fetch` calls from our
 * cards (HubSpot docs "Fetching data (hubspot.fetch)" and §4). v3 (HMAC with a millisecond timestamp) is the only version accepted by
 * default: v1/v2 carry no timestamp, so a captured request could be replayed forever.
 *
 * We do not use `@hubspot/api-client`'s `Signature.isValid`: it skips v3's selective URI decoding and
 * compares with `===` (HubSpot docs "Validating requests from HubSpot").
 */
export { signV1, signV2, normalizeV3Uri, signV3 } from './signature-digests.ts';

export type SignatureFailureCode =
  | 'SIGNATURE_MISSING'
  | 'SIGNATURE_INVALID'
  | 'SIGNATURE_STALE'
  | 'SIGNATURE_FROM_FUTURE'
  | 'SIGNATURE_TIMESTAMP_INVALID'
  | 'SIGNATURE_VERSION_UNSUPPORTED';

export type SignatureCheck =
  { ok: true; version: 'v1' | 'v2' | 'v3' } | { ok: false; code: SignatureFailureCode; message: string };

interface VerifyInput {
  method: string;
  /** Full public URI: PUBLIC_BASE_URL + path + query exactly as received (never rebuilt from `Host`). */
  uri: string;
  /** The body bytes as received; a re-serialised JSON body would not match. */
  rawBody: Buffer;
  /** Header names lower-cased (as Node delivers them). */
  headers: Record<string, string | undefined>;
  clientSecret: string;
  nowMs: number;
  /** Allowed clock difference in either direction; HubSpot's documented window is 5 minutes. */
  maxSkewMs?: number;
  /** Accept timestamp-less v1/v2 signatures (replayable); off unless a caller opts in. */
  acceptLegacy?: boolean;
}

const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;
// Digits only: rejects signs, decimals, exponents and whitespace that Number() would accept.
// 15 digits keeps the value a safe integer (up to year ~33658 in ms).
const TIMESTAMP_PATTERN = /^[0-9]{1,15}$/;

function fail(code: SignatureFailureCode, message: string): SignatureCheck {
  return { ok: false, code, message };
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const value = headers[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Constant-time string comparison; unequal lengths are simply unequal (timingSafeEqual would throw). */
function signaturesMatch(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function verifyV3(input: VerifyInput, signature: string, maxSkewMs: number): SignatureCheck {
  const timestamp = headerValue(input.headers, 'x-hubspot-request-timestamp');
  if (timestamp === undefined) {
    return fail('SIGNATURE_MISSING', 'X-HubSpot-Request-Timestamp header is missing');
  }
  if (!TIMESTAMP_PATTERN.test(timestamp)) {
    return fail('SIGNATURE_TIMESTAMP_INVALID', 'X-HubSpot-Request-Timestamp is not a millisecond timestamp');
  }
  const ageMs = input.nowMs - Number(timestamp);
  if (ageMs > maxSkewMs) {
    return fail('SIGNATURE_STALE', `Request timestamp is more than ${maxSkewMs} ms old`);
  }
  if (-ageMs > maxSkewMs) {
    return fail('SIGNATURE_FROM_FUTURE', `Request timestamp is more than ${maxSkewMs} ms in the future`);
  }
  const expected = signV3({
    clientSecret: input.clientSecret,
    method: input.method,
    uri: input.uri,
    rawBody: input.rawBody,
    timestamp,
  });
  return signaturesMatch(signature, expected)
    ? { ok: true, version: 'v3' }
    : fail('SIGNATURE_INVALID', 'X-HubSpot-Signature-v3 does not match the request');
}

function verifyLegacy(input: VerifyInput, signature: string): SignatureCheck {
  const version = headerValue(input.headers, 'x-hubspot-signature-version');
  if (version !== 'v1' && version !== 'v2') {
    return fail('SIGNATURE_VERSION_UNSUPPORTED', 'X-HubSpot-Signature-Version must be v1 or v2');
  }
  const expected =
    version === 'v1'
      ? signV1(input.clientSecret, input.rawBody)
      : signV2(input.clientSecret, input.method, input.uri, input.rawBody);
  return signaturesMatch(signature, expected)
    ? { ok: true, version }
    : fail('SIGNATURE_INVALID', `X-HubSpot-Signature (${version}) does not match the request`);
}

export function verifyHubSpotSignature(input: VerifyInput): SignatureCheck {
  // An empty secret would make every signature forgeable: a deployment error, not a bad request.
  if (input.clientSecret === '') {
    throw new AppError('internal', 'SIGNATURE_SECRET_MISSING', 'HubSpot client secret is not configured');
  }
  const maxSkewMs = input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (!Number.isFinite(maxSkewMs) || maxSkewMs < 0) {
    throw new AppError('internal', 'SIGNATURE_SKEW_INVALID', 'maxSkewMs must be a non-negative number');
  }

  const v3Signature = headerValue(input.headers, 'x-hubspot-signature-v3');
  if (v3Signature !== undefined) return verifyV3(input, v3Signature, maxSkewMs);

  const legacySignature = headerValue(input.headers, 'x-hubspot-signature');
  if (legacySignature !== undefined) {
    if (input.acceptLegacy !== true) {
      return fail(
        'SIGNATURE_VERSION_UNSUPPORTED',
        'Only X-HubSpot-Signature-v3 is accepted: v1/v2 signatures carry no timestamp and can be replayed',
      );
    }
    return verifyLegacy(input, legacySignature);
  }

  return fail('SIGNATURE_MISSING', 'X-HubSpot-Signature-v3 header is missing');
}
