import { z } from 'zod';
import { parseDecimal } from '../../../kernel/money/money.ts';
import { DecimalString } from '../../../kernel/money/money-schemas.ts';
import { NUMERIC_FACTS, SET_FACTS, type QuoteFacts } from './quote-facts.ts';

/**
 * What an approval covered, kept on the quote so an edit can be judged without the rules engine:
 * for every condition of the portal's approval rules, a bound and which direction is "worse" (a
 * discount going up, a margin going down, a product being added). A condition that held at
 * approval is bound by the approved value; one that did not hold is bound by its threshold, so a
 * rule that did not fire cannot start firing without the edit leaving the envelope.
 * Salesforce's Smart Approvals re-ask an approver only when the value their rule looks at got
 * worse than what they approved ("Smart Approvals", Salesforce Advanced Approvals help).
 */
export const EnvelopeEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('number'),
    fact: z.enum(NUMERIC_FACTS),
    worse: z.enum(['higher', 'lower']),
    /** null = the value was unknown at approval: any known value now counts as a change. */
    approved: DecimalString.nullable(),
    /** The value must stay strictly on the good side (a `>=` rule that did not fire: equal would fire it). */
    strict: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('set'),
    fact: z.enum(SET_FACTS),
    value: z.string(),
    approvedPresent: z.boolean(),
  }),
]);
export type EnvelopeEntry = z.infer<typeof EnvelopeEntrySchema>;

export const ApprovalEnvelopeSchema = z.object({ entries: z.array(EnvelopeEntrySchema) });
export type ApprovalEnvelope = z.infer<typeof ApprovalEnvelopeSchema>;

/** Is the quote's current value no worse than the approved one for this entry? */
export function isNoWorse(entry: EnvelopeEntry, facts: QuoteFacts): boolean {
  if (entry.kind === 'set') return entry.approvedPresent || !facts.sets[entry.fact].has(entry.value);
  const now = facts.numbers[entry.fact];
  if (entry.approved === null) return now === null;
  if (now === null) return false;
  const approved = parseDecimal(entry.approved);
  if (entry.worse === 'higher') return entry.strict ? now.lt(approved) : now.lte(approved);
  return entry.strict ? now.gt(approved) : now.gte(approved);
}

export function isWithinEnvelope(envelope: ApprovalEnvelope | null, facts: QuoteFacts): boolean {
  if (envelope === null) return false;
  return envelope.entries.every((entry) => isNoWorse(entry, facts));
}
