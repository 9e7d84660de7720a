import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../kernel/errors/app-error.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

/**
 * The OAuth `state` parameter (CSRF protection, RFC 6749 §10.12): `<payload>.<mac>` where the
 * payload is base64url JSON `{ n: nonce, e: expiresAtMs }` and the mac is HMAC-SHA256 over it with
 * a key derived from the client secret. Any process can verify it; single use is enforced at the
 * callback by recording the nonce (oauth-state-nonces.ts, migration 0008).
 */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(`oauth-state:${payload}`).digest();
}

export function signOAuthState(key: Buffer, nowMs: number): string {
  const payload = Buffer.from(
    JSON.stringify({ n: randomBytes(12).toString('base64url'), e: nowMs + OAUTH_STATE_TTL_MS }),
  ).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

function invalid(message: string): AppError {
  return new AppError('validation', TENANCY_ERROR.OAUTH_STATE_INVALID, message, {
    issues: [{ path: 'state', message }],
  });
}

export interface VerifiedOAuthState {
  nonce: string;
  expiresAtMs: number;
}

export function invalidOAuthState(message: string): AppError {
  return invalid(message);
}

/** Throws `validation` OAUTH_STATE_INVALID when the state is malformed, forged or expired. */
export function verifyOAuthState(key: Buffer, state: string, nowMs: number): VerifiedOAuthState {
  const [payload, signature, extra] = state.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid('state is malformed');
  const expected = mac(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw invalid('state was not issued by this app');
  let decoded: { n?: unknown; e?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { n?: unknown; e?: unknown };
  } catch {
    throw invalid('state is malformed');
  }
  const { n: nonce, e: expiresAt } = decoded;
  if (typeof nonce !== 'string' || nonce.length === 0) throw invalid('state is malformed');
  if (typeof expiresAt !== 'number' || expiresAt < nowMs) throw invalid('state has expired; start the install again');
  return { nonce, expiresAtMs: expiresAt };
}
