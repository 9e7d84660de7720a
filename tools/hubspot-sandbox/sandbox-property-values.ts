import { Decimal } from '../../src/kernel/money/money.ts';
import { validationError, type HubSpotApiError } from './sandbox-errors.ts';
import type { PropertyDefinition } from './sandbox-portal-state.ts';

/**
 * Validates and normalises property values the way HubSpot does on write: every value is stored as
 * a string, unknown names fail with PROPERTY_DOESNT_EXIST, read-only ones with READ_ONLY_VALUE,
 * numbers/booleans/options/dates are type-checked, `null` or `""` clears a value. Date properties
 * must be midnight UTC and read back as `YYYY-MM-DD`; datetimes read back as ISO-8601.
 */
export type PropertyInputValue = string | number | boolean | null;
export type PropertyInput = Record<string, PropertyInputValue>;

export interface PropertyIssue {
  name: string;
  code: string;
  message: string;
}

export type NormalizedValues = Record<string, string | null>;

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DIGITS = /^-?\d+$/;

function parseInstant(raw: string): number | undefined {
  if (DIGITS.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

function normalizeNumber(raw: string): string | undefined {
  try {
    const value = new Decimal(raw);
    return value.isFinite() ? raw : undefined;
  } catch {
    return undefined;
  }
}

function normalizeDate(raw: string, definition: PropertyDefinition): { value?: string; issue?: string } {
  if (definition.type === 'date' && DATE_ONLY.test(raw)) {
    return Number.isNaN(Date.parse(raw)) ? { issue: `${raw} is not a valid date` } : { value: raw };
  }
  const ms = parseInstant(raw);
  if (ms === undefined) return { issue: `${raw} is not a valid date` };
  if (definition.type === 'datetime') return { value: new Date(ms).toISOString() };
  if (ms % DAY_MS !== 0) {
    return { issue: `${raw} is at ${new Date(ms).toISOString().slice(11, 23)} UTC, not midnight!` };
  }
  return { value: new Date(ms).toISOString().slice(0, 10) };
}

function checkOptions(raw: string, definition: PropertyDefinition): string | undefined {
  if (definition.options.length === 0) return undefined;
  const allowed = new Set(definition.options.map((option) => option.value));
  const values = definition.fieldType === 'checkbox' ? raw.split(';') : [raw];
  const bad = values.find((value) => !allowed.has(value));
  return bad === undefined ? undefined : `${bad} was not one of the allowed options: [${[...allowed].join(', ')}]`;
}

function normalizeOne(
  definition: PropertyDefinition,
  input: string | number | boolean,
): { value?: string; issue?: PropertyIssue } {
  const raw = typeof input === 'string' ? input.trim() : String(input);
  const issue = (code: string, message: string) => ({ issue: { name: definition.name, code, message } });
  switch (definition.type) {
    case 'number': {
      const value = normalizeNumber(raw);
      return value === undefined ? issue('INVALID_INTEGER', `${raw} was not a valid number.`) : { value };
    }
    case 'bool': {
      const lower = raw.toLowerCase();
      return lower === 'true' || lower === 'false'
        ? { value: lower }
        : issue('INVALID_BOOLEAN', `${raw} was not a valid boolean.`);
    }
    case 'enumeration': {
      const problem = checkOptions(raw, definition);
      return problem === undefined ? { value: raw } : issue('INVALID_OPTION', problem);
    }
    case 'date':
    case 'datetime': {
      const result = normalizeDate(raw, definition);
      return result.value === undefined
        ? issue('INVALID_DATE', result.issue ?? 'invalid date')
        : { value: result.value };
    }
    case 'string':
      return { value: typeof input === 'string' ? input : raw };
  }
}

/** Normalises every input value against the type's property definitions. */
export function normalizeProperties(
  definitions: Record<string, PropertyDefinition>,
  input: PropertyInput,
): { values: NormalizedValues; issues: PropertyIssue[] } {
  const values: NormalizedValues = {};
  const issues: PropertyIssue[] = [];
  for (const [name, rawValue] of Object.entries(input)) {
    const definition = definitions[name];
    if (!definition) {
      issues.push({ name, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      continue;
    }
    if (definition.readOnlyValue) {
      issues.push({
        name,
        code: 'READ_ONLY_VALUE',
        message: `${name} is a read only property; its value cannot be set.`,
      });
      continue;
    }
    if (rawValue === null || rawValue === '') {
      values[name] = null;
      continue;
    }
    const result = normalizeOne(definition, rawValue);
    if (result.issue) issues.push(result.issue);
    else if (result.value !== undefined) values[name] = result.value;
  }
  return { values, issues };
}

/**
 * HubSpot's 400 for invalid property values: the message embeds a JSON list of the failures and
 * `errors` carries one entry per property with `context.propertyName`.
 */
export function propertyValidationError(issues: PropertyIssue[]): HubSpotApiError {
  const summary = issues.map((issue) => ({
    isValid: false,
    message: issue.message,
    error: issue.code,
    name: issue.name,
    localizedErrorMessage: issue.message,
  }));
  return validationError(`Property values were not valid: ${JSON.stringify(summary)}`, {
    errors: issues.map((issue) => ({
      message: issue.message,
      code: issue.code,
      context: { propertyName: [issue.name] },
    })),
  });
}
