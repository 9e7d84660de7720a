import { Decimal } from './money.ts';
import { minorUnitsOf } from './currency-minor-units.ts';

/** cpq-semantics §1: "Default rounding HALF_UP, per-portal setting HALF_EVEN". */
export type RoundingMode = 'half-up' | 'half-even';

// decimal.js HALF_UP rounds ties away from zero, so -0.005 -> -0.01 mirrors 0.005 -> 0.01.
const DECIMAL_ROUNDING: Readonly<Record<RoundingMode, DecimalRounding>> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
};
type DecimalRounding = 4 | 6;

/** Rounds to `minorUnits` decimal places; the only rounding primitive the pricing code uses. */
export function roundToMinorUnits(amount: Decimal, minorUnits: number, mode: RoundingMode): Decimal {
  return amount.toDecimalPlaces(minorUnits, DECIMAL_ROUNDING[mode]);
}

/** Rounds an amount to its currency's ISO 4217 minor units (cpq-semantics §1). */
export function roundMoney(amount: Decimal, currency: string, mode: RoundingMode = 'half-up'): Decimal {
  return roundToMinorUnits(amount, minorUnitsOf(currency), mode);
}

/** Rounds and renders with exactly the currency's minor units: `"1876.48"`, `"1500"` (JPY), `"1.235"` (KWD). */
export function formatMoney(amount: Decimal, minorUnits: number, mode: RoundingMode): string {
  const rounded = roundToMinorUnits(amount, minorUnits, mode);
  // toFixed here is Decimal#toFixed (exact), never Number#toFixed; the zero check drops "-0.00".
  return rounded.isZero() ? ZERO_TEXT[minorUnits] ?? new Decimal(0).toFixed(minorUnits) : rounded.toFixed(minorUnits);
}

const ZERO_TEXT: readonly string[] = ['0', '0.0', '0.00', '0.000', '0.0000'];
