import { normalizeV3Uri, signV1, signV2, signV3 } from '../../src/kernel/http/hubspot-signature.ts';

// Vectors from /work/shared/reference/hubspot-platform.md §4 (HubSpot's documented examples).
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const WEBHOOK_URI = 'https://www.example.com/webhook_uri';
const EXAMPLE_BODY = '{"example_field":"example_value"}';
const V1_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

describe('HubSpot signature reference vectors', () => {
  test('v1 is hex sha256(secret + body)', () => {
    expect(signV1(SECRET, V1_BODY)).toBe('232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
  });

  test('v1 of a Buffer body equals v1 of the same string', () => {
    expect(signV1(SECRET, Buffer.from(V1_BODY, 'utf8'))).toBe(
      '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
    );
  });

  test('v2 GET with an empty body is hex sha256(secret + method + uri)', () => {
    expect(signV2(SECRET, 'GET', WEBHOOK_URI, '')).toBe(
      'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
    );
  });

  test('v2 POST includes the body', () => {
    expect(signV2(SECRET, 'POST', WEBHOOK_URI, Buffer.from(EXAMPLE_BODY))).toBe(
      '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
    );
  });

  test('v3 POST is base64 HMAC over method + uri + body + timestamp', () => {
    expect(
      signV3({
        clientSecret: SECRET,
        method: 'POST',
        uri: WEBHOOK_URI,
        rawBody: Buffer.from(EXAMPLE_BODY),
        timestamp: '1700000000000',
      }),
    ).toBe('rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=');
  });

  test('v3 GET decodes %40 and %3A in the query before signing', () => {
    expect(
      signV3({
        clientSecret: SECRET,
        method: 'GET',
        uri: 'https://www.example.com/hubspot?email=a%40b.com&ts=2024-01-01T00%3A00',
        rawBody: '',
        timestamp: '1700000000000',
      }),
    ).toBe('/pkhjByYSCVoOnCP6wX4JWK/FPmesR9+661O6IzgJZM=');
  });

  test('v3 lowercase percent-escapes sign the same as uppercase ones', () => {
    expect(
      signV3({
        clientSecret: SECRET,
        method: 'GET',
        uri: 'https://www.example.com/hubspot?email=a%40b.com&ts=2024-01-01T00%3a00',
        rawBody: '',
        timestamp: '1700000000000',
      }),
    ).toBe('/pkhjByYSCVoOnCP6wX4JWK/FPmesR9+661O6IzgJZM=');
  });
});

describe('normalizeV3Uri decodes only the twelve escapes HubSpot decodes', () => {
  test('every listed escape is decoded, in either hex case', () => {
    expect(normalizeV3Uri('%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B')).toBe(":/?@!$'()*,;");
    expect(normalizeV3Uri('%3a%2f%3f%21%2a%2c%3b')).toBe(':/?!*,;');
  });

  test('other escapes (space, percent, ampersand, equals, plus, hash) stay encoded', () => {
    expect(normalizeV3Uri('https://x.test/p?q=a%20b%25c%26d%3De%2Bf%23g')).toBe(
      'https://x.test/p?q=a%20b%25c%26d%3De%2Bf%23g',
    );
  });

  test('decoding is a single pass: %253A is not turned into a colon', () => {
    expect(normalizeV3Uri('https://x.test/?t=%253A')).toBe('https://x.test/?t=%253A');
  });
});
