import { z } from 'zod';
import { PricingRequestSchema } from './pricing-request-schema.ts';
import { PricingResponseSchema } from './pricing-response-schema.ts';

/**
 * JSON Schema (draft 2020-12) of the pricing contract, generated from the same zod schemas the CLI
 * and the HTTP route parse with, so the published docs cannot drift from the code
 * (docs/pricing-request.schema.json, docs/pricing-response.schema.json; a test compares them).
 * Cross-field rules (duplicate ids, tier order, end before start) are zod refinements and appear
 * only in the descriptions of docs/pricing.md, not in the JSON Schema.
 */
export function pricingJsonSchemas(): { request: Record<string, unknown>; response: Record<string, unknown> } {
  return {
    request: {
      ...z.toJSONSchema(PricingRequestSchema, { io: 'input' }),
      $id: 'https://cpq.example.com/schemas/pricing-request.schema.json',
      title: 'CPQ pricing request (cpq price, POST /api/v1/pricing/calculate)',
    },
    response: {
      ...z.toJSONSchema(PricingResponseSchema, { io: 'output' }),
      $id: 'https://cpq.example.com/schemas/pricing-response.schema.json',
      title: 'CPQ pricing response',
    },
  };
}

/** The file contents as committed: two-space JSON with a final newline. */
export function renderJsonSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
