import { readFile } from 'node:fs/promises';
import { pricingJsonSchemas, renderJsonSchema } from '../../../src/modules/pricing/domain/pricing-json-schema.ts';

const docsFile = (name: string) => readFile(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

describe('published JSON Schema of the pricing contract', () => {
  test('docs/pricing-*.schema.json are what the zod schemas generate now (regenerate: node scripts/export-json-schema.ts)', async () => {
    const { request, response } = pricingJsonSchemas();
    expect(await docsFile('pricing-request.schema.json')).toBe(renderJsonSchema(request));
    expect(await docsFile('pricing-response.schema.json')).toBe(renderJsonSchema(response));
  });

  test('the request schema names the contract fields and types decimals as strings', () => {
    const { request } = pricingJsonSchemas();
    expect(request).toMatchObject({
      required: ['currency', 'catalog', 'lines'],
      $defs: { DecimalString: { type: 'string', pattern: '^[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)$' } },
    });
  });
});
