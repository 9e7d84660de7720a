import { readSignedPortalContext } from '../../src/kernel/http/signed-query.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';

const BASE = 'https://cpq.example.com/api/v1/pricing/calculate';

function errorOf(uri: string): { kind: string; code: string } {
  try {
    readSignedPortalContext(uri);
  } catch (error) {
    if (error instanceof AppError) return { kind: error.kind, code: error.code };
    throw error;
  }
  throw new Error(`expected ${uri} to be rejected`);
}

describe('readSignedPortalContext', () => {
  test('reads portalId, userId, userEmail and appId from the signed query', () => {
    expect(readSignedPortalContext(`${BASE}?portalId=62515&userId=7&userEmail=a%40b.com&appId=54321`)).toEqual({
      portalId: 62515,
      userId: 7,
      userEmail: 'a@b.com',
      appId: 54321,
    });
  });

  test('only portalId is required', () => {
    expect(readSignedPortalContext(`${BASE}?sku=LAPTOP&portalId=1`)).toEqual({ portalId: 1 });
  });

  test('a duplicated portalId is ambiguous, even when both values agree', () => {
    expect(errorOf(`${BASE}?portalId=1&portalId=2`)).toEqual({
      kind: 'unauthenticated',
      code: 'SIGNATURE_PORTAL_AMBIGUOUS',
    });
    expect(errorOf(`${BASE}?portalId=1&portalId=1`)).toEqual({
      kind: 'unauthenticated',
      code: 'SIGNATURE_PORTAL_AMBIGUOUS',
    });
  });

  test('a duplicate spelled with a percent-encoded key is still a duplicate', () => {
    expect(errorOf(`${BASE}?portal%49d=2&portalId=1`).code).toBe('SIGNATURE_PORTAL_AMBIGUOUS');
  });

  test('a duplicated userId is ambiguous too', () => {
    expect(errorOf(`${BASE}?portalId=1&userId=2&userId=3`).code).toBe('SIGNATURE_PORTAL_AMBIGUOUS');
  });

  test.each([
    ['no query', BASE],
    ['no portalId', `${BASE}?userId=7`],
    ['empty portalId', `${BASE}?portalId=`],
    ['zero', `${BASE}?portalId=0`],
    ['negative', `${BASE}?portalId=-5`],
    ['decimal', `${BASE}?portalId=1.5`],
    ['leading zero', `${BASE}?portalId=062515`],
    ['exponent', `${BASE}?portalId=1e3`],
    ['beyond a safe integer', `${BASE}?portalId=9999999999999999`],
    ['only in the fragment', `${BASE}#portalId=1`],
  ])('a portalId that is missing or not a positive integer (%s) is rejected', (_label, uri) => {
    expect(errorOf(uri)).toEqual({ kind: 'unauthenticated', code: 'SIGNATURE_PORTAL_MISSING' });
  });

  test('a malformed optional userId or appId is dropped, not trusted', () => {
    expect(readSignedPortalContext(`${BASE}?portalId=5&userId=abc&appId=-1`)).toEqual({ portalId: 5 });
  });
});
