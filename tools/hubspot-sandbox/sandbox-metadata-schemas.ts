import { z } from 'zod';

/**
 * Zod schemas for property, property-group and custom-object-schema request bodies, after the
 * `PropertyCreate`, `PropertyGroupCreate` and `ObjectSchemaEgg` shapes of HubSpot's CRM v3 docs.
 */
const internalName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must start with a lowercase letter and hold only lowercase letters, digits and _');

const optionInputSchema = z.object({
  label: z.string().min(1),
  value: z.string().min(1),
  description: z.string().default(''),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().default(false),
});

export const PROPERTY_TYPES = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool'] as const;
export const FIELD_TYPES = [
  'textarea',
  'text',
  'date',
  'file',
  'number',
  'select',
  'radio',
  'checkbox',
  'booleancheckbox',
  'calculation_equation',
  'html',
  'phonenumber',
  'signature',
] as const;

const propertyFields = {
  label: z.string().min(1),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.enum(FIELD_TYPES),
  description: z.string().default(''),
  options: z.array(optionInputSchema).default([]),
  displayOrder: z.number().int().default(-1),
  hasUniqueValue: z.boolean().default(false),
  hidden: z.boolean().default(false),
  formField: z.boolean().default(false),
  externalOptions: z.boolean().default(false),
};

export const propertyCreateSchema = z.object({ name: internalName, groupName: z.string().min(1), ...propertyFields });
export type PropertyCreateInput = z.output<typeof propertyCreateSchema>;

export const propertyUpdateSchema = z.object({
  label: z.string().min(1).optional(),
  description: z.string().optional(),
  groupName: z.string().min(1).optional(),
  options: z.array(optionInputSchema).optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
});

export const groupCreateSchema = z.object({
  name: internalName,
  label: z.string().min(1),
  displayOrder: z.number().int().default(-1),
});

/** Properties inside a schema may leave out `groupName` (HubSpot puts them in the object's default group). */
const schemaPropertySchema = z.object({
  name: internalName,
  groupName: z.string().min(1).optional(),
  ...propertyFields,
});

export const objectSchemaCreateSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits and _'),
  labels: z.object({ singular: z.string().min(1), plural: z.string().min(1) }),
  description: z.string().optional(),
  primaryDisplayProperty: z.string().optional(),
  secondaryDisplayProperties: z.array(z.string()).default([]),
  requiredProperties: z.array(z.string()).default([]),
  searchableProperties: z.array(z.string()).default([]),
  properties: z.array(schemaPropertySchema).min(1),
  associatedObjects: z.array(z.string()).default([]),
});
export type ObjectSchemaCreateInput = z.output<typeof objectSchemaCreateSchema>;
