import { z } from 'zod';

/**
 * Zod schemas for the CRM request bodies the sandbox accepts (objects, batch, search, associations
 * v4), following the field names of HubSpot's CRM v3/v4 docs. Unknown fields are ignored, as HubSpot
 * ignores them; limits (batch sizes, filter counts) are checked by the routes so they can answer
 * with HubSpot's own messages.
 */
export const objectIdSchema = z.union([z.string().min(1), z.number().int()]).transform(String);

export const propertyValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const propertiesSchema = z.record(z.string(), propertyValueSchema);

export const associationSpecSchema = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
  associationTypeId: z.number().int(),
});
export type AssociationSpecInput = z.output<typeof associationSpecSchema>;

export const objectCreateSchema = z.object({
  properties: propertiesSchema.default({}),
  associations: z
    .array(z.object({ to: z.object({ id: objectIdSchema }), types: z.array(associationSpecSchema).min(1) }))
    .default([]),
  objectWriteTraceId: z.string().optional(),
});
export type ObjectCreateInput = z.output<typeof objectCreateSchema>;

export const objectUpdateSchema = z.object({ properties: propertiesSchema, objectWriteTraceId: z.string().optional() });

export const batchReadSchema = z.object({
  inputs: z.array(z.object({ id: objectIdSchema })),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});

export const batchCreateSchema = z.object({ inputs: z.array(objectCreateSchema) });

const batchUpdateInput = z.object({
  id: objectIdSchema,
  idProperty: z.string().optional(),
  properties: propertiesSchema,
  objectWriteTraceId: z.string().optional(),
});
export const batchUpdateSchema = z.object({ inputs: z.array(batchUpdateInput) });
export type BatchUpdateInput = z.output<typeof batchUpdateInput>;

export const batchArchiveSchema = z.object({ inputs: z.array(z.object({ id: objectIdSchema })) });

export const FILTER_OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const filterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(FILTER_OPERATORS),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});
export type SearchFilter = z.output<typeof filterSchema>;

/** `sorts` takes `{ propertyName, direction }` objects or plain names (`"-amount"` = descending). */
const sortSchema = z.union([
  z.string().min(1),
  z.object({ propertyName: z.string().min(1), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }),
]);

export const searchSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).default([]),
  sorts: z.array(sortSchema).default([]),
  query: z.string().optional(),
  properties: z.array(z.string()).default([]),
  limit: z.number().int().min(0).default(10),
  after: z.union([z.string(), z.number().int()]).transform(String).optional(),
});
export type SearchRequest = z.output<typeof searchSchema>;

const publicObjectId = z.object({ id: objectIdSchema });

export const associationBatchCreateSchema = z.object({
  inputs: z.array(z.object({ from: publicObjectId, to: publicObjectId, types: z.array(associationSpecSchema).min(1) })),
});

export const associationBatchDefaultSchema = z.object({
  inputs: z.array(z.object({ from: publicObjectId, to: publicObjectId })),
});

export const associationBatchReadSchema = z.object({
  inputs: z.array(z.object({ id: objectIdSchema, after: z.string().optional() })),
});

export const associationBatchArchiveSchema = z.object({
  inputs: z.array(z.object({ from: publicObjectId, to: z.array(publicObjectId) })),
});

export const associationSpecListSchema = z.array(associationSpecSchema).min(1);
