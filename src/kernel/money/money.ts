import { Decimal as DecimalJs } from 'decimal.js';
import { AppError } from '../errors/app-error.ts';

/**
 * The one decimal type of the code base: a private decimal.js clone with 40 significant digits
 * (docs/pricing.md (money and rounding): "precision >= 34"), so no module depends on decimal.js's global config.
 * Exponent thresholds are pushed out so `toString()` never answers in scientific notation: JSON
 * carries plain decimal strings. Every money, quantity, rate and multiplier is a `Decimal`.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Decimal = DecimalJs;

/**
 * Exact decimal notation accepted from outside (docs/pricing.md: "any exact decimal string is
 * accepted on input"): optional sign, digits, optional fraction. No exponent, no separators.
 */
export const DECIMAL_STRING_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Longest decimal string accepted: 40 significant digits plus sign, point and leading zeros. */
export const DECIMAL_STRING_MAX_LENGTH = 60;

export function isDecimalString(text: string): boolean {
  return text.length <= DECIMAL_STRING_MAX_LENGTH && DECIMAL_STRING_PATTERN.test(text);
}

/** Parses an exact decimal string; schemas validate first, so a failure here is a programming error. */
export function parseDecimal(text: string): Decimal {
  if (!isDecimalString(text)) {
    throw new AppError('internal', 'DECIMAL_INVALID', `Not an exact decimal string: ${JSON.stringify(text)}`);
  }
  return new Decimal(text);
}

/** Full-precision rendering for unit prices and multipliers (docs/pricing.md (money and rounding): never rounded). */
export function formatDecimal(value: Decimal): string {
  return value.isZero() ? '0' : value.toString();
}

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);
