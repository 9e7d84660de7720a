import { isDecimalString, Decimal } from '../../../kernel/money/money.ts';
import { evaluateLogic, parseRuleLogic } from '../../../kernel/rules/rule-logic.ts';
import type { Condition, ConfigurationRule, FieldTest } from './configuration-schema.ts';

/** A configured line as conditions see it: the bundle itself or a selected option. */
export interface LineFacts {
  sku: string;
  category: string | null;
  quantity: string;
  optionId: string | null;
  featureId: string | null;
  attributes: Readonly<Record<string, string>>;
}

function fieldOf(line: LineFacts, field: string): string | null {
  if (field.startsWith('attributes.')) return line.attributes[field.slice('attributes.'.length)] ?? null;
  switch (field) {
    case 'sku':
      return line.sku;
    case 'category':
      return line.category;
    case 'quantity':
      return line.quantity;
    case 'optionId':
      return line.optionId;
    case 'featureId':
      return line.featureId;
    default:
      return line.attributes[field] ?? null;
  }
}

function same(a: string, b: string): boolean {
  return isDecimalString(a) && isDecimalString(b) ? new Decimal(a).eq(b) : a === b;
}

function listOf(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;
}

/** Salesforce CPQ's "Tested Field" operators over text and decimal values (decimals compare by value). */
export function testValue(actual: string | null, test: Omit<FieldTest, 'field'>): boolean {
  if (actual === null) return test.operator === 'not-equals' || test.operator === 'not-in';
  const expected = test.value;
  switch (test.operator) {
    case 'equals':
      return typeof expected === 'string' && same(actual, expected);
    case 'not-equals':
      return typeof expected === 'string' && !same(actual, expected);
    case 'in':
      return listOf(expected).some((item) => same(actual, item));
    case 'not-in':
      return !listOf(expected).some((item) => same(actual, item));
    case 'contains':
      return typeof expected === 'string' && actual.includes(expected);
    case 'starts-with':
      return typeof expected === 'string' && actual.startsWith(expected);
    default: {
      if (typeof expected !== 'string' || !isDecimalString(actual) || !isDecimalString(expected)) return false;
      const order = new Decimal(actual).cmp(expected);
      if (test.operator === 'less-than') return order < 0;
      if (test.operator === 'less-or-equal') return order <= 0;
      if (test.operator === 'greater-than') return order > 0;
      return order >= 0;
    }
  }
}

export function lineMatches(line: LineFacts, test: FieldTest): boolean {
  return testValue(fieldOf(line, test.field), test);
}

function conditionHolds(
  condition: Condition,
  lines: readonly LineFacts[],
  quote: Readonly<Record<string, string>>,
): boolean {
  if (condition.object === 'quote') return testValue(quote[condition.field] ?? null, condition);
  // A condition on lines passes if any line meets it (Salesforce CPQ product rule conditions).
  return lines.some((line) => lineMatches(line, condition));
}

/** True when the rule's conditions hold under its logic: all (default), any, or custom like `(1 AND 2) OR 3`. */
export function ruleApplies(
  rule: ConfigurationRule,
  lines: readonly LineFacts[],
  quote: Readonly<Record<string, string>>,
): boolean {
  if (rule.conditions.length === 0) return true;
  const results = rule.conditions.map((condition) => conditionHolds(condition, lines, quote));
  const logic = rule.logic ?? 'all';
  if (logic.toLowerCase() === 'all') return results.every(Boolean);
  if (logic.toLowerCase() === 'any') return results.some(Boolean);
  const parsed = parseRuleLogic(logic, rule.conditions.length);
  // The request schema check already refused unparsable logic; an unparsable one never fires.
  return parsed.ok ? evaluateLogic(parsed.node, results) : false;
}
