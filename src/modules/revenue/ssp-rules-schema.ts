import { z } from 'zod';
import { CurrencyCode, NonNegativeDecimalString } from '../../kernel/money/money-schemas.ts';
import { parseDecimal } from '../../kernel/money/money.ts';
import type { SspRule } from './domain/ssp-resolution.ts';

const SspRuleInputSchema = z
  .strictObject({
    scope: z.enum(['product', 'category']),
    /** The SKU (scope product) or category name (scope category). */
    key: z.string().min(1).max(200),
    /** ISO 4217 code, or "*" for every currency (not for fixed amounts). */
    currency: z.union([CurrencyCode, z.literal('*')]),
    kind: z.enum(['fixed', 'list', 'list-discount']),
    amount: NonNegativeDecimalString.optional(),
    discountPercent: NonNegativeDecimalString.refine((t) => parseDecimal(t).lte(100), 'must be at most 100').optional(),
  })
  .superRefine((rule, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (rule.kind === 'fixed') {
      if (rule.amount === undefined) issue('amount', 'required for kind "fixed"');
      if (rule.currency === '*') issue('currency', 'a fixed SSP needs a currency code');
    } else if (rule.amount !== undefined) issue('amount', 'only for kind "fixed"');
    if (rule.kind === 'list-discount' && rule.discountPercent === undefined)
      issue('discountPercent', 'required for kind "list-discount"');
    if (rule.kind !== 'list-discount' && rule.discountPercent !== undefined)
      issue('discountPercent', 'only for kind "list-discount"');
  });

/** SSP rules file / admin API body: `{ "rules": [...], "replace": false }`. */
export const SspRulesInputSchema = z
  .strictObject({
    rules: z.array(SspRuleInputSchema).max(100_000),
    /** true: the portal's rules become exactly these; false (default): insert or update by scope/key/currency. */
    replace: z.boolean().default(false),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.rules.forEach((rule, index) => {
      const id = `${rule.scope}\u0000${rule.key}\u0000${rule.currency}`;
      if (seen.has(id))
        ctx.addIssue({ code: 'custom', path: ['rules', index], message: 'duplicate scope/key/currency' });
      seen.add(id);
    });
  });

export type SspRulesInput = z.output<typeof SspRulesInputSchema>;

export function toSspRule(rule: SspRulesInput['rules'][number]): SspRule {
  return {
    scope: rule.scope,
    scopeKey: rule.key,
    currency: rule.currency,
    kind: rule.kind,
    amount: rule.amount ?? null,
    discountPercent: rule.discountPercent ?? null,
  };
}

export function fromSspRule(rule: SspRule) {
  return {
    scope: rule.scope,
    key: rule.scopeKey,
    currency: rule.currency,
    kind: rule.kind,
    ...(rule.amount === null ? {} : { amount: rule.amount }),
    ...(rule.discountPercent === null ? {} : { discountPercent: rule.discountPercent }),
  };
}
