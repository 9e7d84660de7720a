import { Decimal } from '../../../kernel/money/money.ts';

/**
 * Non-negative decimals (standalone selling prices) as integers on one common scale, so relative
 * shares can be computed exactly with bigint: 20, 30.5, 40 -> 200, 305, 400.
 */
export function decimalWeights(values: readonly Decimal[]): bigint[] {
  const scale = values.reduce((max, value) => Math.max(max, value.decimalPlaces()), 0);
  const factor = new Decimal(10).pow(scale);
  return values.map((value) => BigInt(value.times(factor).toFixed(0)));
}
