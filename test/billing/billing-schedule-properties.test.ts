import fc from 'fast-check';
import {
  addDays,
  addMonths,
  civilFromDayNumber,
  dayNumber,
  formatIsoDate,
  parseIsoDate,
} from '../../src/kernel/calendar/calendar-date.ts';
import { Decimal, ZERO } from '../../src/kernel/money/money.ts';
import { request, schedule, seatLine } from './billing-schedule-fixtures.ts';

const FIRST_DAY = dayNumber({ year: 2000, month: 1, day: 1 });
const LAST_DAY = dayNumber({ year: 2040, month: 12, day: 31 });
const date = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map((n) => civilFromDayNumber(n));
const cents = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).div(100).toFixed(2));
const quantity = fc.integer({ min: 1, max: 500 }).map(String);
const frequency = fc.constantFrom('monthly', 'quarterly', 'semiannual', 'annual', 'upfront');
const periodMonths: Record<string, number> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12, upfront: 12 };
const anchor = fc.oneof(
  fc.constant({ type: 'start' }),
  fc.integer({ min: 1, max: 31 }).map((day) => ({ type: 'day-of-month', day })),
);
const timing = fc.constantFrom('advance', 'arrears');
const sum = (values: string[]): Decimal => values.reduce((acc, value) => acc.plus(value), ZERO);

describe('billing schedule properties', () => {
  test('a full term of whole periods bills exactly price x quantity x term (any frequency, anchored on the start)', () => {
    fc.assert(
      fc.property(
        date,
        cents,
        quantity,
        frequency,
        timing,
        fc.integer({ min: 1, max: 5 }),
        (start, price, qty, freq, when, n) => {
          const months = n * (periodMonths[freq] ?? 1);
          const end = addDays(addMonths(start, months), -1);
          const line = seatLine({
            startDate: formatIsoDate(start),
            endDate: formatIsoDate(end),
            unitPrice: price,
            quantity: qty,
          });
          const response = schedule(request({ frequency: freq, timing: when }, [line]));
          const expected = new Decimal(price).times(qty).times(months).toFixed(2);
          expect(response.totals.invoiced).toBe(expected);
          expect(sum(response.invoices.map((invoice) => invoice.total)).toFixed(2)).toBe(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a full term on a billing day: a start on the anchor day of an aligned month bills exactly price x quantity x term', () => {
    fc.assert(
      fc.property(
        date,
        cents,
        quantity,
        frequency,
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 4 }),
        (d, price, qty, freq, day, n) => {
          const step = periodMonths[freq] ?? 1;
          const alignedMonth = d.month - ((d.month - 1) % step);
          const start = { year: d.year, month: alignedMonth, day };
          const end = addDays(addMonths(start, n * step), -1);
          const line = seatLine({
            startDate: formatIsoDate(start),
            endDate: formatIsoDate(end),
            unitPrice: price,
            quantity: qty,
          });
          const response = schedule(request({ frequency: freq, anchor: { type: 'day-of-month', day } }, [line]));
          expect(response.totals.invoiced).toBe(
            new Decimal(price)
              .times(qty)
              .times(n * step)
              .toFixed(2),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a yearly annual price split into months on billing day 1 sums exactly (leading + trailing partials complete one month)', () => {
    fc.assert(
      fc.property(date, cents, (start, price) => {
        // Twelve months from a start in March..December never straddle two different Februaries.
        fc.pre(start.month >= 3);
        const end = addDays(addMonths(start, 12), -1);
        const line = seatLine({ startDate: formatIsoDate(start), endDate: formatIsoDate(end), unitPrice: price });
        const response = schedule(request({ anchor: { type: 'day-of-month', day: 1 } }, [line]));
        expect(response.totals.invoiced).toBe(new Decimal(price).times(12).toFixed(2));
      }),
      { numRuns: 150 },
    );
  });

  test('periods cover every day of the line exactly once, invoices are numbered by date and total their lines', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 800 }),
        frequency,
        anchor,
        timing,
        cents,
        (start, length, freq, anc, when, price) => {
          const end = addDays(start, length);
          const line = seatLine({ startDate: formatIsoDate(start), endDate: formatIsoDate(end), unitPrice: price });
          const response = schedule(request({ frequency: freq, anchor: anc, timing: when }, [line]));
          let next = dayNumber(start);
          const lines = response.invoices.flatMap((invoice) => invoice.lines);
          for (const entry of lines) {
            expect(dayNumber(parseIsoDate(entry.periodStart))).toBe(next);
            next = dayNumber(parseIsoDate(entry.periodEnd)) + 1;
          }
          expect(next).toBe(dayNumber(end) + 1);
          const dates = response.invoices.map((invoice) => invoice.invoiceDate);
          expect(dates).toEqual([...new Set(dates)].sort());
          response.invoices.forEach((invoice, index) => {
            expect(invoice.sequence).toBe(index + 1);
            expect(invoice.total).toBe(sum(invoice.lines.map((entry) => entry.amount)).toFixed(2));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  test('installments sum exactly to their invoice, are never negative and differ from their share by < 1 cent', () => {
    const percents = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }).map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const parts = weights.map((w) => new Decimal(w).times(100).div(total).toDecimalPlaces(2, Decimal.ROUND_DOWN));
      const rest = new Decimal(100).minus(sum(parts.map((p) => p.toString())));
      return parts.map((p, i) => (i === 0 ? p.plus(rest) : p)).filter((p) => p.gt(0));
    });
    fc.assert(
      fc.property(cents, percents, date, (price, parts, day) => {
        const installments = parts.map((percent, index) => ({
          percent: percent.toString(),
          due:
            index % 2 === 0
              ? { type: 'days-after-invoice', days: index * 10 }
              : { type: 'day-of-following-month', day: 31 },
        }));
        const line = { id: 'x', type: 'one-time', startDate: formatIsoDate(day), quantity: '1', unitPrice: price };
        const invoice = schedule(request({ paymentTerms: { installments } }, [line])).invoices[0];
        const amounts = invoice?.installments.map((part) => part.amount) ?? [];
        expect(sum(amounts).toFixed(2)).toBe(price);
        amounts.forEach((amount, index) => {
          expect(new Decimal(amount).gte(0)).toBe(true);
          const share = new Decimal(price).times(parts[index] ?? 0).div(100);
          expect(new Decimal(amount).minus(share).abs().lt('0.01')).toBe(true);
        });
        expect(invoice?.dueDate).toBe(invoice?.installments[installments.length - 1]?.dueDate);
      }),
      { numRuns: 200 },
    );
  });

  test('cancellation: credits never exceed what was billed, nothing is dated on/after the effective date except the arrears served part', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: -30, max: 830 }),
        frequency,
        anchor,
        timing,
        cents,
        (start, length, cancelAfter, freq, anc, when, price) => {
          const end = addDays(start, length);
          const effective = formatIsoDate(addDays(start, cancelAfter));
          const lines = [
            seatLine({ startDate: formatIsoDate(start), endDate: formatIsoDate(end), unitPrice: price }),
            {
              id: 'o',
              type: 'one-time',
              startDate: formatIsoDate(addDays(start, 20)),
              quantity: '1',
              unitPrice: price,
            },
          ];
          const response = schedule(
            request({ frequency: freq, anchor: anc, timing: when }, lines, {
              cancellation: { effectiveDate: effective },
            }),
          );
          for (const invoice of response.invoices) {
            if (when === 'advance') expect(invoice.invoiceDate < effective).toBe(true);
            else expect(invoice.invoiceDate <= effective).toBe(true);
          }
          const billed = response.invoices.flatMap((invoice) => invoice.lines).filter((entry) => entry.lineId === 's1');
          for (const credit of response.creditNotes.flatMap((note) => note.lines)) {
            const source = billed.find((entry) => entry.periodEnd === credit.periodEnd);
            expect(source).toBeDefined();
            expect(new Decimal(credit.amount).lte(source?.amount ?? '0')).toBe(true);
            expect(new Decimal(credit.amount).gte(0)).toBe(true);
            expect(credit.periodStart).toBe(effective);
          }
          expect(new Decimal(response.totals.credited).lte(response.totals.invoiced)).toBe(true);
          expect(new Decimal(response.totals.net).gte(0)).toBe(true);
          if (when === 'arrears') expect(response.creditNotes).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
