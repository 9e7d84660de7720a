import { Decimal } from './money.ts';
import { minorUnitsOf } from './currency-minor-units.ts';

/** cpq-semantics §1: "Default rounding HALF_UP, per-portal setting HALF_EVEN". */
export type RoundingMode = 'half-up' | 'half-even';

// decimal.js HALF_UP rounds ties away from zero, so -0.005 -> -0.01 mirrors 0.005 -> 0.01.
const DECIMAL_ROUNDING: Readonly<Record<RoundingMode, 4 | 6>> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
};

/** Rounds to `minorUnits` decimal places; the rounding primitive every money module uses. */
export function roundToMinorUnits(amount: Decimal, minorUnits: number, mode: RoundingMode): Decimal {
  return amount.toDecimalPlaces(minorUnits, DECIMAL_ROUNDING[mode]);
}

/** Rounds an amount to its currency's ISO 4217 minor units (cpq-semantics §1). */
export function roundMoney(amount: Decimal, currency: string, mode: RoundingMode = 'half-up'): Decimal {
  return roundToMinorUnits(amount, minorUnitsOf(currency), mode);
}

/**
 * Rounds to a whole number of minor units (cents, yen, fils) as a bigint. Totals are summed in
 * minor units: integer addition is exact and far cheaper than decimal addition on a 100,000-line
 * quote. Decimal#toFixed rounds exactly with the given mode (it is not Number#toFixed).
 */
export function toMinorUnits(amount: Decimal, minorUnits: number, mode: RoundingMode): bigint {
  return roundToMinorUnitText(amount, minorUnits, mode).minor;
}

/** Both forms of a rounded amount at once: minor units for summing, text for the response. */
export function roundToMinorUnitText(
  amount: Decimal,
  minorUnits: number,
  mode: RoundingMode,
): { minor: bigint; text: string } {
  const text = amount.toFixed(minorUnits, DECIMAL_ROUNDING[mode]);
  const minor = BigInt(text.replace('.', ''));
  // -0.004 rounds to "-0.00"; a zero has no sign.
  return { minor, text: minor === 0n && text.startsWith('-') ? text.slice(1) : text };
}

/** Renders minor units with exactly the currency's decimals: 187648n, 2 -> "1876.48"; 1500n, 0 -> "1500". */
export function formatMinorUnits(minor: bigint, minorUnits: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(minorUnits + 1, '0');
  const split = digits.length - minorUnits;
  const body = minorUnits === 0 ? digits : `${digits.slice(0, split)}.${digits.slice(split)}`;
  return negative ? `-${body}` : body;
}

export function minorUnitsToDecimal(minor: bigint, minorUnits: number): Decimal {
  return new Decimal(minor.toString()).div(new Decimal(10).pow(minorUnits));
}

/** Rounds and renders with exactly the currency's minor units: `"1876.48"`, `"1500"` (JPY), `"1.235"` (KWD). */
export function formatMoney(amount: Decimal, minorUnits: number, mode: RoundingMode): string {
  return formatMinorUnits(toMinorUnits(amount, minorUnits, mode), minorUnits);
}

/**
 * Parses an exact decimal string into minor units without a Decimal (hot paths): "30" -> 3000n,
 * "30.10" -> 3010n, "30.100" -> 3010n (trailing zeros are the same value). Returns undefined when
 * the value has more decimals than the currency's minor units or is not a decimal string.
 */
export function parseMinorUnits(text: string, minorUnits: number): bigint | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > minorUnits) return undefined;
  const digits = `${match[2] || '0'}${fraction.padEnd(minorUnits, '0')}`;
  const value = BigInt(digits);
  return match[1] === '-' ? -value : value;
}
