import Handlebars from 'handlebars';
import { parseIsoDate } from '../../../kernel/calendar/calendar-date.ts';
import { isDecimalString, parseDecimal } from '../../../kernel/money/money.ts';
import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { formatMoney } from '../../../kernel/money/rounding.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1234567.5" -> "1,234,567.5": grouping done on the digits, never through a JS number. */
export function groupDigits(text: string): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [whole = '', fraction] = body.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A money amount for people: rounded to the currency's minor units (kernel money) and grouped. */
export function displayMoney(amount: string, currency: string): string {
  if (!isDecimalString(amount)) return amount;
  return `${currency} ${groupDigits(formatMoney(parseDecimal(amount), minorUnitsOf(currency), 'half-up'))}`;
}

/** A quantity or percentage for people: exact digits, trailing zeros of the fraction dropped. */
export function displayNumber(value: string): string {
  if (!isDecimalString(value)) return value;
  const text = parseDecimal(value).toString();
  return groupDigits(text);
}

/** "2026-12-31" -> "December 31, 2026" (calendar module; no JS Date). */
export function displayDate(iso: string): string {
  try {
    const date = parseIsoDate(iso.slice(0, 10));
    return `${MONTHS[date.month - 1] ?? ''} ${date.day}, ${date.year}`;
  } catch {
    return iso;
  }
}

/**
 * A Handlebars environment of its own (helpers do not leak into other users of the library).
 * Every helper returns plain strings, which Handlebars escapes like any other `{{value}}`.
 */
export function createDocumentHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('money', (amount: unknown, currency: unknown) =>
    typeof amount === 'string' && typeof currency === 'string' ? displayMoney(amount, currency) : '',
  );
  hbs.registerHelper('number', (value: unknown) => (typeof value === 'string' ? displayNumber(value) : ''));
  hbs.registerHelper('date', (value: unknown) => (typeof value === 'string' ? displayDate(value) : ''));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return hbs;
}
