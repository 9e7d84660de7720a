import fc from 'fast-check';
import { allocateLargestRemainder, splitEvenly } from '../../../src/kernel/money/allocate.ts';
import { Decimal } from '../../../src/kernel/money/money.ts';

const texts = (parts: Decimal[]): string[] => parts.map((part) => part.toFixed(2));

describe('largest-remainder split', () => {
  test('100.00 in three parts is 33.34 + 33.33 + 33.33: ties go to the earlier part', () => {
    expect(texts(splitEvenly(new Decimal('100.00'), 3, 2))).toEqual(['33.34', '33.33', '33.33']);
  });

  test('leftover units go to the largest remainders, not simply the first parts', () => {
    // 1.00 by 1:2 -> 0.333.. and 0.666..: the second part has the larger remainder.
    expect(texts(allocateLargestRemainder(new Decimal('1.00'), [new Decimal(1), new Decimal(2)], 2))).toEqual([
      '0.33',
      '0.67',
    ]);
  });

  test('zero-decimal currencies split in whole units (JPY)', () => {
    expect(splitEvenly(new Decimal('1000'), 3, 0).map((part) => part.toString())).toEqual(['334', '333', '333']);
  });

  test('a negative total (credit) splits symmetrically', () => {
    expect(texts(splitEvenly(new Decimal('-100.00'), 3, 2))).toEqual(['-33.34', '-33.33', '-33.33']);
  });

  test('a total with more decimals than the currency allows is rejected', () => {
    expect(() => splitEvenly(new Decimal('1.005'), 2, 2)).toThrow('has more than 2 decimals');
    expect(() => allocateLargestRemainder(new Decimal('1'), [new Decimal(0)], 2)).toThrow('sum to zero');
    expect(() => allocateLargestRemainder(new Decimal('1'), [new Decimal(-1), new Decimal(2)], 2)).toThrow(
      'must not be negative',
    );
  });

  test('property: parts always sum exactly to the whole and differ from the exact share by < 1 minor unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -10_000_000n, max: 10_000_000n }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        fc.constantFrom(0, 2, 3),
        (minorTotal, weightInts, minorUnits) => {
          const total = new Decimal(minorTotal.toString()).div(new Decimal(10).pow(minorUnits));
          const weights = weightInts.map((w) => new Decimal(w));
          const parts = allocateLargestRemainder(total, weights, minorUnits);
          const sum = parts.reduce((acc, part) => acc.plus(part), new Decimal(0));
          expect(sum.eq(total)).toBe(true);
          const weightSum = weights.reduce((acc, w) => acc.plus(w), new Decimal(0));
          const unit = new Decimal(10).pow(-minorUnits);
          parts.forEach((part, i) => {
            const exact = total.times(weights[i] ?? 0).div(weightSum);
            expect(part.minus(exact).abs().lt(unit)).toBe(true);
          });
        },
      ),
    );
  });
});
