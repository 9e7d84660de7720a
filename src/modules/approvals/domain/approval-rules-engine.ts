import { formatDecimal, parseDecimal } from '../../../kernel/money/money.ts';
import { isNoWorse, type EnvelopeEntry, type QuoteFacts } from '../../quotes/index.ts';
import type { ApprovalRule, Approver, Condition } from './approval-rule-schema.ts';
import { evaluateLogic, parseRuleLogic, type LogicNode } from '../../../kernel/rules/rule-logic.ts';

/** A rule with its logic parsed once, so evaluating it over many quotes does no parsing. */
export interface CompiledRule {
  rule: ApprovalRule;
  logic: LogicNode;
  thresholds: ReadonlyArray<ReturnType<typeof parseDecimal> | null>;
}

export function compileRules(rules: readonly ApprovalRule[]): CompiledRule[] {
  return rules
    .filter((rule) => rule.active)
    .map((rule) => {
      const refs = rule.conditions.map((_, i): LogicNode => ({ op: 'ref', index: i + 1 }));
      let logic: LogicNode;
      if (rule.logic === 'all') logic = { op: 'and', items: refs };
      else if (rule.logic === 'any') logic = { op: 'or', items: refs };
      else {
        const parsed = parseRuleLogic(rule.logic, rule.conditions.length);
        // The schema validated the logic; a failure here means an unvalidated rule reached the engine.
        if (!parsed.ok) throw new Error(`rule ${rule.id}: logic ${parsed.message}`);
        logic = parsed.node;
      }
      const thresholds = rule.conditions.map((c) =>
        c.fact === 'sku' || c.fact === 'category' ? null : parseDecimal(c.value),
      );
      return { rule, logic, thresholds };
    });
}

function conditionHolds(
  condition: Condition,
  threshold: CompiledRule['thresholds'][number],
  facts: QuoteFacts,
): boolean {
  if (condition.operator === 'present') return facts.sets[condition.fact].has(condition.value);
  const value = facts.numbers[condition.fact];
  if (value === null || threshold === null) return false;
  switch (condition.operator) {
    case 'gt':
      return value.gt(threshold);
    case 'gte':
      return value.gte(threshold);
    case 'lt':
      return value.lt(threshold);
    case 'lte':
      return value.lte(threshold);
  }
}

/**
 * The bound a condition puts on later edits: a condition that holds is bound by today's value
 * (no worse than approved); one that does not hold is bound by its threshold (it must stay false).
 */
export function envelopeEntryOf(condition: Condition, facts: QuoteFacts): EnvelopeEntry {
  if (condition.operator === 'present')
    return {
      kind: 'set',
      fact: condition.fact,
      value: condition.value,
      approvedPresent: facts.sets[condition.fact].has(condition.value),
    };
  const value = facts.numbers[condition.fact];
  const threshold = parseDecimal(condition.value);
  const worse = condition.operator === 'gt' || condition.operator === 'gte' ? 'higher' : 'lower';
  if (value !== null && conditionHolds(condition, threshold, facts))
    return { kind: 'number', fact: condition.fact, worse, approved: formatDecimal(value), strict: false };
  // Not holding (or unknown): stay on the non-firing side of the threshold.
  const strict = condition.operator === 'gte' || condition.operator === 'lte';
  return { kind: 'number', fact: condition.fact, worse, approved: formatDecimal(threshold), strict };
}

/** A rule approved earlier for this quote, with the values it was approved at. */
export interface PriorApproval {
  ruleId: string;
  entries: EnvelopeEntry[];
}

export interface FiringRule {
  ruleId: string;
  name: string;
  level: number;
  approvers: Approver[];
  /** The values the rule's conditions saw (recorded with the decision for smart approval). */
  entries: EnvelopeEntry[];
  /** Smart approval: approved before at values no better than now, so not asked again. */
  alreadyApproved: boolean;
}

export interface RuleEvaluation {
  firing: FiringRule[];
  /** Levels that still need a decision, in order, each with its rules. */
  levels: Array<{ level: number; rules: FiringRule[] }>;
  needsApproval: boolean;
}

/**
 * Which rules fire for a quote and who must approve. Linear in rules x conditions: the quote's
 * lines were folded into `facts` once (computeQuoteFacts).
 */
export function evaluateRules(
  compiled: readonly CompiledRule[],
  facts: QuoteFacts,
  prior: readonly PriorApproval[] = [],
): RuleEvaluation {
  const priorByRule = new Map(prior.map((p) => [p.ruleId, p]));
  const firing: FiringRule[] = [];
  for (const { rule, logic, thresholds } of compiled) {
    const results = rule.conditions.map((c, i) => conditionHolds(c, thresholds[i] ?? null, facts));
    if (!evaluateLogic(logic, results)) continue;
    const earlier = priorByRule.get(rule.id);
    firing.push({
      ruleId: rule.id,
      name: rule.name,
      level: rule.level,
      approvers: rule.approvers,
      entries: rule.conditions.map((c) => envelopeEntryOf(c, facts)),
      alreadyApproved: earlier !== undefined && earlier.entries.every((entry) => isNoWorse(entry, facts)),
    });
  }
  const open = firing.filter((f) => !f.alreadyApproved);
  const levelNumbers = [...new Set(open.map((f) => f.level))].sort((a, b) => a - b);
  const levels = levelNumbers.map((level) => ({ level, rules: open.filter((f) => f.level === level) }));
  return { firing, levels, needsApproval: open.length > 0 };
}

/**
 * The bounds of every condition of every active rule, as the quote is now: kept on the approved
 * quote so an edit that stays inside them keeps the approval (the quotes module checks it on save).
 */
export function approvalEnvelope(compiled: readonly CompiledRule[], facts: QuoteFacts): { entries: EnvelopeEntry[] } {
  const entries = new Map<string, EnvelopeEntry>();
  for (const { rule } of compiled)
    for (const condition of rule.conditions) {
      const entry = envelopeEntryOf(condition, facts);
      entries.set(JSON.stringify(entry), entry);
    }
  return { entries: [...entries.values()] };
}
