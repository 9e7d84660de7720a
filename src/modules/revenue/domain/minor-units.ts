import type { RoundingMode } from '../../../kernel/money/rounding.ts';

/**
 * Exact integer arithmetic on minor units (cents) for schedules: a 100,000-line contract spread
 * over 36 months is 3.6 million divisions, and bigint division with an explicit remainder is both
 * exact (no 40-digit decimal cut-off that could turn a true tie into a near-tie) and fast.
 */

/** n / d rounded to an integer with `mode` (ties away from zero for half-up, to even for half-even); d > 0. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  if (twiceRemainder > denominator) quotient += 1n;
  else if (twiceRemainder === denominator && (mode === 'half-up' || quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * Largest-remainder split of `total` minor units by non-negative integer `weights` (ASC 606-10-32-31,
 * IFRS 15.74: allocate in proportion to standalone selling prices). Each part gets the floor of its
 * exact share; the leftover units go one each to the largest remainders, the earlier part first on a
 * tie. Remainders share one denominator (the weight sum), so comparing them is exact. A negative
 * total is split as its magnitude and negated.
 */
export function allocateByWeights(total: bigint, weights: readonly bigint[]): bigint[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  if (weightSum <= 0n) throw new RangeError('weights must sum to more than zero');
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const parts = weights.map((weight) => (magnitude * weight) / weightSum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (magnitude * weight) % weightSum }));
  let leftover = magnitude - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return negative ? parts.map((part) => -part) : parts;
}

/**
 * Spreads `total` minor units over periods by integer `weights` the way ERPNext books deferred
 * revenue ("Deferred Revenue" docs): each period is total x weight / sum rounded with `mode`, and the
 * last period takes the difference so the periods sum exactly to the total. One guard the rule
 * lacks: when rounding up has already used the whole total (e.g. 0.03 over five equal months is
 * 0.006 -> 0.01 each), a period gets only what is left, so no period of a positive line is negative.
 */
export function spreadByWeights(total: bigint, weights: readonly bigint[], mode: RoundingMode): bigint[] {
  if (weights.length === 0) throw new RangeError('nothing to spread over');
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  if (weightSum <= 0n) throw new RangeError('weights must sum to more than zero');
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const parts: bigint[] = [];
  let assigned = 0n;
  const last = weights.length - 1;
  for (let index = 0; index < last; index += 1) {
    let part = divideRounded(magnitude * (weights[index] ?? 0n), weightSum, mode);
    if (assigned + part > magnitude) part = magnitude - assigned;
    parts.push(part);
    assigned += part;
  }
  parts.push(magnitude - assigned);
  return negative ? parts.map((part) => -part) : parts;
}
