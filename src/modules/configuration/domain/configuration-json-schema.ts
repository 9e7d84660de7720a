import { z } from 'zod';
import { ConfigureRequestSchema } from './configuration-schema.ts';

/**
 * JSON Schema (draft 2020-12) of the `cpq configure` request, generated from the zod schema the CLI
 * and the route parse with (docs/configuration-request.schema.json; a test keeps it current).
 */
export function configurationRequestJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigureRequestSchema, { io: 'input' }),
    $id: 'https://cpq.example.com/schemas/configuration-request.schema.json',
    title: 'CPQ configuration request (cpq configure, POST /api/v1/configuration/validate)',
  };
}
