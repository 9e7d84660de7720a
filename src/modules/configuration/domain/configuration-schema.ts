import { z } from 'zod';
import { DecimalString, PositiveDecimalString } from '../../../kernel/money/money-schemas.ts';
import { Decimal } from '../../../kernel/money/money.ts';
import { parseRuleLogic } from '../../../kernel/rules/rule-logic.ts';

const Id = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be 1-100 letters, digits, _ . : -');
const Sku = z.string().min(1).max(200);
const Text = z.string().min(1).max(1000);

const Product = z.strictObject({
  sku: Sku,
  name: Text.optional(),
  category: z.string().min(1).max(200).optional(),
  attributes: z.record(z.string().min(1).max(100), z.string().max(500)).optional(),
});

const Option = z.strictObject({
  id: Id,
  sku: Sku,
  required: z.boolean().optional(),
  default: z.boolean().optional(),
  /** Units of the option per configured bundle (default 1). */
  quantity: PositiveDecimalString.optional(),
  quantityEditable: z.boolean().optional(),
  /** The option's quantity is per bundle unit: it scales with the bundle's quantity. */
  quantityPerBundleUnit: z.boolean().optional(),
  /** Included in the bundle's price (priced at zero) rather than priced on its own. */
  bundled: z.boolean().optional(),
  discountPercent: DecimalString.refine(
    (text) => new Decimal(text).gte(0) && new Decimal(text).lte(100),
    'must be 0..100',
  ).optional(),
});

const Feature = z.strictObject({
  id: Id,
  name: Text,
  minOptions: z.int().min(0).max(1000).optional(),
  maxOptions: z.int().min(1).max(1000).optional(),
  options: z.array(Option).max(1000),
});

const Bundle = z.strictObject({ sku: Sku, features: z.array(Feature).max(200) });

const Operator = z.enum([
  'equals',
  'not-equals',
  'less-than',
  'less-or-equal',
  'greater-than',
  'greater-or-equal',
  'contains',
  'starts-with',
  'in',
  'not-in',
]);

/** A field test: `quote` fields come with the selection; a `line` condition passes if any selected line meets it. */
export const ConditionSchema = z.strictObject({
  object: z.enum(['quote', 'line']),
  field: z
    .string()
    .regex(/^(sku|category|quantity|optionId|featureId|attributes\.[A-Za-z0-9_-]{1,100}|[A-Za-z0-9_]{1,100})$/),
  operator: Operator,
  value: z.union([z.string().max(500), z.array(z.string().max(500)).max(200)]),
});

const Action = z.strictObject({
  type: z.enum(['add', 'remove', 'show', 'hide', 'set-quantity']),
  option: z.string().min(1).max(400),
  quantity: PositiveDecimalString.optional(),
});

const Rule = z
  .strictObject({
    id: Id,
    name: Text.optional(),
    type: z.enum(['validation', 'alert', 'selection', 'filter']),
    /** Evaluation order (Salesforce's "Evaluation Order"); ties keep the declared order. */
    order: z.int().min(0).max(1_000_000).optional(),
    conditions: z.array(ConditionSchema).max(50),
    /** `all` (default), `any`, or custom logic over condition numbers such as `(1 AND 2) OR 3`. */
    logic: z.string().min(1).max(500).optional(),
    message: Text.optional(),
    actions: z.array(Action).max(100).optional(),
    /** Filter rules: options whose product fails this test are hidden. */
    filter: z
      .strictObject({ field: ConditionSchema.shape.field, operator: Operator, value: ConditionSchema.shape.value })
      .optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.type === 'selection' && !(rule.actions && rule.actions.length > 0))
      ctx.addIssue({ code: 'custom', path: ['actions'], message: 'a selection rule needs actions' });
    if (rule.type === 'filter' && !rule.filter)
      ctx.addIssue({ code: 'custom', path: ['filter'], message: 'a filter rule needs a filter' });
    const logic = rule.logic?.toLowerCase();
    if (rule.logic !== undefined && logic !== 'all' && logic !== 'any') {
      const parsed = parseRuleLogic(rule.logic, rule.conditions.length);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['logic'], message: parsed.message });
    }
    if ((rule.type === 'validation' || rule.type === 'alert') && !rule.message)
      ctx.addIssue({ code: 'custom', path: ['message'], message: `a ${rule.type} rule needs a message` });
  });

const Constraint = z.strictObject({
  id: Id,
  type: z.enum(['dependency', 'exclusion']),
  /** The constrained option. */
  option: z.string().min(1).max(400),
  /** Constraining options: "A,B,C" means any of A, B or C (spaces around commas are ignored). */
  constrainingOptions: z.string().min(1).max(4000),
  /** Constraints of one option that share a group are alternatives (OR); groups must all hold (AND). */
  group: z.string().min(1).max(100).optional(),
  message: Text.optional(),
});

const Question = z.strictObject({
  id: Id,
  text: Text,
  answers: z
    .array(
      z.strictObject({
        id: Id,
        text: Text,
        filter: z.strictObject({
          field: ConditionSchema.shape.field,
          operator: Operator,
          value: ConditionSchema.shape.value,
        }),
      }),
    )
    .min(1)
    .max(100),
});

export const ConfigurationCatalogSchema = z.strictObject({
  products: z.array(Product).max(100_000),
  bundles: z.array(Bundle).max(10_000).optional(),
  constraints: z.array(Constraint).max(10_000).optional(),
  rules: z.array(Rule).max(10_000).optional(),
  questions: z.array(Question).max(200).optional(),
});

export const ConfigureRequestSchema = z
  .strictObject({
    catalog: ConfigurationCatalogSchema,
    selection: z
      .strictObject({
        bundleSku: Sku,
        quantity: PositiveDecimalString.optional(),
        /** The rep's choices; absent = a new configuration, so default options are applied. */
        options: z
          .array(z.strictObject({ option: z.string().min(1).max(400), quantity: PositiveDecimalString.optional() }))
          .max(5000)
          .optional(),
        quote: z.record(z.string().min(1).max(100), z.string().max(500)).optional(),
      })
      .optional(),
    guidedSelling: z.strictObject({ answers: z.record(Id, Id) }).optional(),
  })
  .refine((request) => request.selection !== undefined || request.guidedSelling !== undefined, {
    message: 'give a selection to configure or guidedSelling answers to filter the catalog',
  });

export type ConfigureRequest = z.infer<typeof ConfigureRequestSchema>;
export type ConfigurationCatalog = z.infer<typeof ConfigurationCatalogSchema>;
export type ConfigurationRule = NonNullable<ConfigurationCatalog['rules']>[number];
export type ConfigurationConstraint = NonNullable<ConfigurationCatalog['constraints']>[number];
export type Condition = z.infer<typeof ConditionSchema>;
export type FieldTest = Omit<Condition, 'object'>;
