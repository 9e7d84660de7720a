import { AppError } from '../errors/app-error.ts';
import { Decimal, ZERO } from './money.ts';

/**
 * Splits `total` into parts proportional to `weights` with largest-remainder rounding
 * (cpq-semantics §1: "the parts add up exactly to the whole; ties go to the earlier part").
 * `total` must already be a whole number of minor units; each part gets floor(share) minor units,
 * then the leftover units go one each to the parts with the largest remainders, earlier part first
 * on equal remainders. A negative total is split as its magnitude and negated, so the rounding is
 * symmetric for credit notes.
 */
export function allocateLargestRemainder(total: Decimal, weights: readonly Decimal[], minorUnits: number): Decimal[] {
  if (weights.length === 0) throw new AppError('validation', 'ALLOCATION_INVALID', 'Nothing to allocate to');
  const unit = new Decimal(10).pow(-minorUnits);
  const units = total.div(unit);
  if (!units.isInteger()) {
    throw new AppError(
      'validation',
      'ALLOCATION_INVALID',
      `Total ${total.toString()} has more than ${minorUnits} decimals`,
    );
  }
  let weightSum = ZERO;
  for (const weight of weights) {
    if (weight.isNegative() && !weight.isZero()) {
      throw new AppError('validation', 'ALLOCATION_INVALID', 'Allocation weights must not be negative');
    }
    weightSum = weightSum.plus(weight);
  }
  if (weightSum.isZero()) throw new AppError('validation', 'ALLOCATION_INVALID', 'Allocation weights sum to zero');

  const magnitude = units.abs();
  const floors: Decimal[] = [];
  const remainders: Decimal[] = [];
  let assigned = ZERO;
  for (const weight of weights) {
    const share = magnitude.times(weight).div(weightSum);
    const floor = share.floor();
    floors.push(floor);
    remainders.push(share.minus(floor));
    assigned = assigned.plus(floor);
  }
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    // Stable order: larger remainder first, then the earlier part.
    .sort((a, b) => b.remainder.cmp(a.remainder) || a.index - b.index);
  // Fewer leftover minor units than parts: each remainder is < 1 unit.
  let leftover = magnitude.minus(assigned);
  for (const { index } of order) {
    if (!leftover.isPositive() || leftover.isZero()) break;
    floors[index] = (floors[index] ?? ZERO).plus(1);
    leftover = leftover.minus(1);
  }
  const negative = units.isNegative();
  return floors.map((part) => (negative && !part.isZero() ? part.times(unit).neg() : part.times(unit)));
}

/** Splits `total` into `count` parts differing by at most one minor unit, earlier parts larger. */
export function splitEvenly(total: Decimal, count: number, minorUnits: number): Decimal[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new AppError('validation', 'ALLOCATION_INVALID', 'Split count must be a positive integer');
  }
  return allocateLargestRemainder(
    total,
    Array.from({ length: count }, () => new Decimal(1)),
    minorUnits,
  );
}

/**
 * The integer form of allocateLargestRemainder for hot paths: splits `total` minor units into parts
 * proportional to `numerators / denominator` (numerators summing to denominator) with bigint
 * arithmetic only. Each part gets floor(total x n / d); the leftover units go one each to the
 * largest remainders, the earlier part first on ties. `total` must not be negative.
 */
export function allocateMinorUnits(total: bigint, numerators: readonly bigint[], denominator: bigint): bigint[] {
  if (denominator <= 0n) throw new AppError('validation', 'ALLOCATION_INVALID', 'Allocation weights sum to zero');
  if (total < 0n) throw new AppError('validation', 'ALLOCATION_INVALID', 'Total must not be negative');
  const parts = new Array<bigint>(numerators.length);
  const remainders = new Array<bigint>(numerators.length);
  let assigned = 0n;
  for (let index = 0; index < numerators.length; index += 1) {
    const share = total * (numerators[index] ?? 0n);
    const part = share / denominator;
    parts[index] = part;
    remainders[index] = share - part * denominator;
    assigned += part;
  }
  // Fewer leftover units than parts; pick the largest remainders one by one (earliest on ties).
  for (let leftover = total - assigned; leftover > 0n; leftover -= 1n) {
    let best = -1;
    for (let index = 0; index < remainders.length; index += 1) {
      if (best === -1 || (remainders[index] ?? -1n) > (remainders[best] ?? -1n)) best = index;
    }
    parts[best] = (parts[best] ?? 0n) + 1n;
    remainders[best] = -1n;
  }
  return parts;
}
