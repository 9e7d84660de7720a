import { z } from 'zod';
import { DecimalString } from '../../../kernel/money/money-schemas.ts';
import { NUMERIC_FACTS, SET_FACTS } from '../../quotes/index.ts';
import { parseRuleLogic } from '../../../kernel/rules/rule-logic.ts';

/**
 * An approval rule as admins write it (admin API and `cpq approvals import`). Example: "any line
 * discount above 20% -> a sales manager; net total above 100,000 -> finance at level 2".
 * Conditions are numbered from 1 in the order given; `logic` combines them.
 */
export const NumericConditionSchema = z.strictObject({
  fact: z.enum(NUMERIC_FACTS),
  operator: z.enum(['gt', 'gte', 'lt', 'lte']),
  value: DecimalString,
});

export const SetConditionSchema = z.strictObject({
  fact: z.enum(SET_FACTS),
  operator: z.literal('present'),
  value: z.string().min(1).max(200),
});

// Discriminated by operator so a bad row's issue names the field (`conditions.0.value`), not the whole condition.
export const ConditionSchema = z.discriminatedUnion('operator', [NumericConditionSchema, SetConditionSchema]);

export const ApproverSchema = z.discriminatedUnion('kind', [
  /** A named HubSpot user (the signed userId of their card calls). */
  z.strictObject({ kind: z.literal('user'), userId: z.number().int().positive() }),
  /** Anyone holding the app role (src/modules/tenancy roles). */
  z.strictObject({ kind: z.literal('role'), role: z.enum(['approver', 'admin']) }),
]);

export const ApprovalRuleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, starting with a letter or digit'),
    name: z.string().min(1).max(200),
    active: z.boolean().default(true),
    conditions: z.array(ConditionSchema).min(1).max(20),
    logic: z.union([z.literal('all'), z.literal('any'), z.string().min(1).max(500)]).default('all'),
    /** Sequential level: every firing rule of level 1 is decided before level 2 starts. */
    level: z.number().int().min(1).max(10).default(1),
    /** Parallel "any of": one approval from any of these settles this rule. */
    approvers: z.array(ApproverSchema).min(1).max(20),
  })
  .superRefine((rule, ctx) => {
    if (rule.logic === 'all' || rule.logic === 'any') return;
    const parsed = parseRuleLogic(rule.logic, rule.conditions.length);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['logic'], message: parsed.message });
  });

export const ApprovalRuleSetSchema = z
  .strictObject({ rules: z.array(ApprovalRuleSchema).max(500) })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: 'duplicate id' });
      seen.add(rule.id);
    });
  });

export type Condition = z.infer<typeof ConditionSchema>;
export type Approver = z.infer<typeof ApproverSchema>;
export type ApprovalRule = z.infer<typeof ApprovalRuleSchema>;
export type ApprovalRuleSet = z.infer<typeof ApprovalRuleSetSchema>;
