import fc from 'fast-check';
import { computeRevenueSchedule } from '../../src/modules/revenue/domain/revenue-schedule.ts';
import {
  RevenueScheduleRequestSchema,
  type RevenueScheduleResponse,
} from '../../src/modules/revenue/domain/revenue-schedule-schema.ts';
import { formatIsoDate } from '../../src/kernel/calendar/calendar-date.ts';

/** Cents of a 2-decimal USD string, exactly (test-side arithmetic, no JS number on money). */
const cents = (text: string): bigint => BigInt(text.replace('.', ''));

const isoDate = fc
  .record({
    year: fc.integer({ min: 1999, max: 2031 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(formatIsoDate);
const endOfMonthDate = fc
  .record({
    year: fc.integer({ min: 1999, max: 2031 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 28, max: 31 }),
  })
  .map(({ year, month, day }) =>
    formatIsoDate({
      year,
      month,
      day:
        month === 2 ? Math.min(day, year % 4 === 0 ? 29 : 28) : Math.min(day, [4, 6, 9, 11].includes(month) ? 30 : 31),
    }),
  );
const money = fc.bigInt({ min: 0n, max: 100_000_000n }).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`);

const line = fc
  .record({
    amount: money,
    ssp: fc.bigInt({ min: 0n, max: 5_000n }).map(String),
    ratable: fc.boolean(),
    a: fc.oneof(isoDate, endOfMonthDate),
    b: fc.oneof(isoDate, endOfMonthDate),
  })
  .map(({ amount, ssp, ratable, a, b }) => {
    const [startDate, endDate] = a <= b ? [a, b] : [b, a];
    return ratable
      ? { amount, standaloneSellingPrice: ssp, recognition: 'ratable' as const, startDate, endDate }
      : { amount, standaloneSellingPrice: ssp, recognition: 'point-in-time' as const, deliveryDate: a };
  });

const request = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 8 }),
    method: fc.constantFrom('daily' as const, 'monthly' as const),
    roundingMode: fc.constantFrom('half-up' as const, 'half-even' as const),
    transactionPrice: fc.option(money, { nil: undefined }),
  })
  .filter((r) => r.transactionPrice === undefined || r.lines.some((l) => l.standaloneSellingPrice !== '0'))
  .map((r) => ({
    currency: 'USD',
    method: r.method,
    roundingMode: r.roundingMode,
    ...(r.transactionPrice === undefined ? {} : { transactionPrice: r.transactionPrice }),
    lines: r.lines.map((l, index) => ({ id: `l${index}`, ...l })),
  }));

function run(input: unknown): RevenueScheduleResponse {
  return computeRevenueSchedule(RevenueScheduleRequestSchema.parse(input));
}

const sum = (texts: string[]): bigint => texts.reduce((total, text) => total + cents(text), 0n);

describe('revenue schedule properties', () => {
  test("allocations sum exactly to the transaction price; each line's months sum exactly to its allocation; byPeriod sums to the total", () => {
    fc.assert(
      fc.property(request, (input) => {
        const response = run(input);
        if (input.transactionPrice !== undefined) {
          expect(sum(response.allocations.map((a) => a.allocated))).toBe(cents(input.transactionPrice));
        }
        expect(sum(response.allocations.map((a) => a.allocated))).toBe(cents(response.total));
        for (const allocation of response.allocations) {
          const months = response.schedule.filter((row) => row.lineId === allocation.lineId).map((row) => row.amount);
          expect(sum(months)).toBe(cents(allocation.allocated));
        }
        expect(sum(response.byPeriod.map((p) => p.amount))).toBe(cents(response.total));
      }),
      { numRuns: 300 },
    );
  });

  test('no month of a positive line is negative', () => {
    fc.assert(
      fc.property(request, (input) => {
        const response = run(input);
        for (const row of response.schedule) expect(cents(row.amount) >= 0n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('a ratable line has one row per calendar month of its service period, in order; point-in-time one row in its delivery month', () => {
    fc.assert(
      fc.property(request, (input) => {
        const response = run(input);
        input.lines.forEach((l) => {
          const periods = response.schedule.filter((row) => row.lineId === l.id).map((row) => row.period);
          if (l.recognition === 'point-in-time') expect(periods).toEqual([l.deliveryDate.slice(0, 7)]);
          else {
            const [sy, sm] = l.startDate.split('-').map((part) => Number.parseInt(part, 10));
            const [ey, em] = l.endDate.split('-').map((part) => Number.parseInt(part, 10));
            expect(periods).toHaveLength((ey ?? 0) * 12 + (em ?? 0) - ((sy ?? 0) * 12 + (sm ?? 0)) + 1);
            expect([periods[0], periods.at(-1)]).toEqual([l.startDate.slice(0, 7), l.endDate.slice(0, 7)]);
            expect([...periods].sort()).toEqual(periods);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  test("the order of lines does not change a line's result, except which line wins a tie of equal remainders", () => {
    fc.assert(
      fc.property(
        request.filter((r) => r.transactionPrice !== undefined),
        fc.infiniteStream(fc.nat()),
        (input, randoms) => {
          const shuffled = [...input.lines]
            .map((l) => ({ l, key: randoms.next().value }))
            .sort((a, b) => a.key - b.key)
            .map(({ l }) => l);
          const original = run(input);
          const permuted = run({ ...input, lines: shuffled });
          // Exact remainder of each line's share, in units of 1 / (SSP sum).
          const price = cents(input.transactionPrice ?? '0');
          const sspSum = input.lines.reduce((s, l) => s + BigInt(l.standaloneSellingPrice), 0n);
          const remainder = new Map(
            input.lines.map((l) => [l.id, (price * BigInt(l.standaloneSellingPrice)) % sspSum]),
          );
          const tied = (id: string): boolean =>
            input.lines.some((other) => other.id !== id && remainder.get(other.id) === remainder.get(id));
          for (const l of input.lines) {
            const before = original.allocations.find((a) => a.lineId === l.id)?.allocated ?? '';
            const after = permuted.allocations.find((a) => a.lineId === l.id)?.allocated ?? '';
            const rows = (r: RevenueScheduleResponse) => r.schedule.filter((row) => row.lineId === l.id);
            if (!tied(l.id) || before === after) {
              expect(after).toBe(before);
              expect(rows(permuted)).toEqual(rows(original));
            } else {
              const gap = cents(after) - cents(before);
              expect(gap === 1n || gap === -1n).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('leap years: a daily line over a whole leap year gives February 29/366 of the amount, over a common year 28/365', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2400 }), money, (year, amount) => {
        const response = run({
          currency: 'USD',
          roundingMode: 'half-even',
          lines: [{ id: 'y', amount, recognition: 'ratable', startDate: `${year}-01-01`, endDate: `${year}-12-31` }],
        });
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        const february = cents(response.schedule[1]?.amount ?? '');
        const [days, total] = leap ? [29n, 366n] : [28n, 365n];
        // February (not the last month) is the exact share rounded half-even: |x - share| <= 1/2 cent.
        const twiceError = 2n * (february * total - cents(amount) * days);
        expect(twiceError <= total && twiceError >= -total).toBe(true);
      }),
    );
  });
});
