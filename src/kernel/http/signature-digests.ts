import { createHash, createHmac } from 'node:crypto';

/**
 * The three HubSpot request-signature algorithms, as pure functions of their inputs.
 * Source: HubSpot "Validating requests" docs, summarised in /work/shared/reference/hubspot-platform.md §4.
 * Each function feeds the pieces to the hash one by one, so a Buffer body is hashed as the exact
 * bytes received (a body that is not valid UTF-8 must not be re-encoded before hashing).
 */

/** v1: hex(SHA-256(clientSecret + body)). */
export function signV1(clientSecret: string, rawBody: Buffer | string): string {
  return createHash('sha256').update(clientSecret).update(rawBody).digest('hex');
}

/** v2: hex(SHA-256(clientSecret + method + URI + body)); the URI is used exactly as received. */
export function signV2(clientSecret: string, method: string, uri: string, rawBody: Buffer | string): string {
  return createHash('sha256').update(clientSecret).update(method).update(uri).update(rawBody).digest('hex');
}

/**
 * HubSpot decodes exactly these percent-escapes in the URI before signing v3 and leaves every other
 * escape (e.g. `%20`, `%25`) untouched. One pass, so `%253A` stays `%253A` (no double decoding).
 */
const V3_DECODED_ESCAPES: Readonly<Record<string, string>> = {
  '3A': ':',
  '2F': '/',
  '3F': '?',
  '40': '@',
  '21': '!',
  '24': '$',
  '27': "'",
  '28': '(',
  '29': ')',
  '2A': '*',
  '2C': ',',
  '3B': ';',
};
const V3_ESCAPE_PATTERN = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** Decodes only the v3 set of escapes, in either hex case (`%3a` and `%3A`). */
export function normalizeV3Uri(uri: string): string {
  return uri.replace(
    V3_ESCAPE_PATTERN,
    (escape: string, hex: string) => V3_DECODED_ESCAPES[hex.toUpperCase()] ?? escape,
  );
}

export interface SignV3Input {
  clientSecret: string;
  method: string;
  uri: string;
  rawBody: Buffer | string;
  /** Milliseconds since the epoch, exactly as sent in `X-HubSpot-Request-Timestamp`. */
  timestamp: string;
}

/** v3: base64(HMAC-SHA256(clientSecret, method + normalizeV3Uri(uri) + body + timestamp)). */
export function signV3(input: SignV3Input): string {
  return createHmac('sha256', input.clientSecret)
    .update(input.method)
    .update(normalizeV3Uri(input.uri))
    .update(input.rawBody)
    .update(input.timestamp)
    .digest('base64');
}
