import { Decimal } from '../../src/kernel/money/money.ts';
import type { SearchFilter } from './sandbox-crm-schemas.ts';
import type { PropertyDefinition, StoredObject } from './sandbox-portal-state.ts';

/**
 * Evaluates CRM search filters as HubSpot documents them: filters inside a group are ANDed, groups
 * are ORed, no groups matches everything. Numbers compare numerically, date/datetime values by
 * instant (ms timestamps or ISO strings), everything else case-insensitively as text.
 * NEQ and NOT_IN also match records without the property; CONTAINS_TOKEN matches whole words
 * (with `*` as wildcard).
 */
type Comparable = { kind: 'number'; value: Decimal } | { kind: 'text'; value: string };

const DIGITS = /^-?\d+$/;

function instantOf(raw: string): number | undefined {
  if (DIGITS.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

function decimalOf(raw: string): Decimal | undefined {
  try {
    const value = new Decimal(raw);
    return value.isFinite() ? value : undefined;
  } catch {
    return undefined;
  }
}

function comparable(raw: string, definition: PropertyDefinition | undefined): Comparable {
  if (definition?.type === 'date' || definition?.type === 'datetime') {
    const ms = instantOf(raw);
    if (ms !== undefined) return { kind: 'number', value: new Decimal(ms) };
  }
  if (definition?.type === 'number' || definition === undefined) {
    const value = decimalOf(raw);
    if (value) return { kind: 'number', value };
  }
  return { kind: 'text', value: raw.toLowerCase() };
}

/** Negative, zero or positive, like a sort comparator; text and numbers fall back to text order. */
export function compareValues(a: string, b: string, definition: PropertyDefinition | undefined): number {
  const left = comparable(a, definition);
  const right = comparable(b, definition);
  if (left.kind === 'number' && right.kind === 'number') return left.value.comparedTo(right.value);
  const l = left.kind === 'text' ? left.value : a.toLowerCase();
  const r = right.kind === 'text' ? right.value : b.toLowerCase();
  return l < r ? -1 : l > r ? 1 : 0;
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._-]+/u)
    .filter((token) => token !== '');
}

function tokenMatches(stored: string, pattern: string): boolean {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*');
  const regex = new RegExp(`^${escaped}$`, 'u');
  return tokens(stored).some((token) => regex.test(token)) || regex.test(stored.toLowerCase());
}

function inList(stored: string, values: string[], definition: PropertyDefinition | undefined): boolean {
  const storedValues = definition?.fieldType === 'checkbox' ? stored.split(';') : [stored];
  return values.some((value) => storedValues.some((candidate) => compareValues(candidate, value, definition) === 0));
}

export function matchesFilter(
  record: StoredObject,
  filter: SearchFilter,
  definition: PropertyDefinition | undefined,
): boolean {
  const stored = record.properties[filter.propertyName];
  const has = stored !== undefined && stored !== '';
  const value = filter.value ?? '';
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'NEQ':
      return !has || compareValues(stored, value, definition) !== 0;
    case 'NOT_IN':
      return !has || !inList(stored, filter.values ?? [], definition);
    case 'NOT_CONTAINS_TOKEN':
      return !has || !tokenMatches(stored, value);
    default:
      break;
  }
  if (!has) return false;
  switch (filter.operator) {
    case 'EQ':
      return compareValues(stored, value, definition) === 0;
    case 'LT':
      return compareValues(stored, value, definition) < 0;
    case 'LTE':
      return compareValues(stored, value, definition) <= 0;
    case 'GT':
      return compareValues(stored, value, definition) > 0;
    case 'GTE':
      return compareValues(stored, value, definition) >= 0;
    case 'BETWEEN':
      return (
        compareValues(stored, value, definition) >= 0 &&
        compareValues(stored, filter.highValue ?? value, definition) <= 0
      );
    case 'IN':
      return inList(stored, filter.values ?? [], definition);
    case 'CONTAINS_TOKEN':
      return tokenMatches(stored, value);
    default:
      return false;
  }
}

export function matchesFilterGroups(
  record: StoredObject,
  groups: Array<{ filters: SearchFilter[] }>,
  definitions: Record<string, PropertyDefinition>,
): boolean {
  if (groups.length === 0) return true;
  return groups.some((group) =>
    group.filters.every((filter) => matchesFilter(record, filter, definitions[filter.propertyName])),
  );
}

/** The free-text `query`: every word must prefix-match a word of one of the searchable properties. */
export function matchesQuery(record: StoredObject, query: string, searchable: string[]): boolean {
  const words = tokens(query);
  if (words.length === 0) return true;
  const haystack = searchable.flatMap((name) => tokens(record.properties[name] ?? ''));
  return words.every((word) => haystack.some((token) => token.startsWith(word)));
}
