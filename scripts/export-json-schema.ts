// Regenerates docs/pricing-request.schema.json and docs/pricing-response.schema.json from the zod
// schemas: node --experimental-strip-types scripts/export-json-schema.ts
import { writeFile } from 'node:fs/promises';
import { pricingJsonSchemas, renderJsonSchema } from '../src/modules/pricing/domain/pricing-json-schema.ts';
import { configurationRequestJsonSchema } from '../src/modules/configuration/domain/configuration-json-schema.ts';

const docs = new URL('../docs/', import.meta.url);
const { request, response } = pricingJsonSchemas();
await writeFile(new URL('pricing-request.schema.json', docs), renderJsonSchema(request));
await writeFile(new URL('pricing-response.schema.json', docs), renderJsonSchema(response));
await writeFile(new URL('configuration-request.schema.json', docs), renderJsonSchema(configurationRequestJsonSchema()));
console.log(
  'wrote docs/pricing-request.schema.json, docs/pricing-response.schema.json, docs/configuration-request.schema.json',
);
