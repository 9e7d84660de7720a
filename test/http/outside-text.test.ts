import { Router } from 'express';
import { parseInput } from '../../src/kernel/errors/parse-input.ts';
import { QuoteDraftInputSchema } from '../../extensions/app/cards/api/card-api-schemas.ts';
import { startHttpHarness, type HttpHarness } from '../support/http-harness.ts';

/** The card's quote draft schema behind the real signed-request chain. */
function draftRouter(): Router {
  const router = Router();
  router.post('/v1/drafts', (req, res) => {
    parseInput(QuoteDraftInputSchema, req.body, 'QUOTE_REQUEST_INVALID');
    res.json({ ok: true });
  });
  return router;
}

let harness: HttpHarness;
beforeAll(async () => {
  harness = await startHttpHarness({ apiRouters: [draftRouter()] });
});
afterAll(async () => harness.close());

async function post(body: string): Promise<{ status: number; body: unknown }> {
  const response = await harness.signedFetch('POST', '/api/v1/drafts?portalId=1&userId=1', { body });
  return { status: response.status, body: await response.json() };
}

describe('outside text and nesting are refused at the parsing layer (400 naming the field, never 500)', () => {
  test('a NUL or a lone surrogate in the quote title, a line id or a sku is a 400 naming the field', async () => {
    for (const [field, body] of [
      ['title', { currency: 'USD', title: 'bad\u0000title', lines: [] }],
      ['title', `{"currency":"USD","title":"lone \\ud800 surrogate","lines":[]}`],
      ['lines.0.id', { currency: 'USD', lines: [{ id: 'l\u00001', sku: 'A', quantity: '1' }] }],
      ['lines.0.sku', { currency: 'USD', lines: [{ sku: 'A\u0000', quantity: '1' }] }],
    ] as const) {
      const result = await post(typeof body === 'string' ? body : JSON.stringify(body));
      expect({ field, ...result }).toEqual({
        field,
        status: 400,
        body: {
          error: expect.objectContaining({
            code: 'QUOTE_REQUEST_INVALID',
            issues: [{ path: field, message: 'must be text without NUL characters or unpaired UTF-16 surrogates' }],
          }),
        },
      });
    }
  });

  test('a body nested 5,000 levels deep is a 400 before it is parsed', async () => {
    const result = await post(`{"currency":"USD","lines":[],"x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(result).toEqual({
      status: 400,
      body: { error: expect.objectContaining({ code: 'JSON_TOO_DEEP' }) },
    });
  });

  test('ordinary text (accents, emoji as surrogate pairs) passes', async () => {
    const result = await post(JSON.stringify({ currency: 'USD', title: 'Devis Zürich 🚀', lines: [] }));
    expect(result).toEqual({ status: 200, body: { ok: true } });
  });
});
