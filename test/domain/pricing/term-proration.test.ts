import { addMonths, parseIsoDate } from '../../../src/kernel/calendar/calendar-date.ts';
import { wholeMonthsAndDays } from '../../../src/modules/pricing/domain/term-proration.ts';
import { priceLine } from './pricing-fixtures.ts';
import type { QuoteSpec } from './pricing-fixtures.ts';

type Term = NonNullable<QuoteSpec['term']>;

const subscription = (term: Term | undefined, defaultTermMonths: string | null = '12', listPrice = '30') =>
  priceLine({
    products: [{ sku: 'SUB', prices: { USD: listPrice }, recurring: { defaultTermMonths } }],
    lines: [{ id: 'l1', sku: 'SUB', quantity: '1' }],
    ...(term ? { term } : {}),
  });

const split = (start: string, end: string) => wholeMonthsAndDays(parseIsoDate(start), parseIsoDate(end));

describe('subscriptions and proration', () => {
  test('example: 2026-02-01..2026-02-10, monthly+daily, default term 1 month: PM = 10 x 12/365 = 0.328767...', () => {
    const line = subscription(
      { startDate: '2026-02-01', endDate: '2026-02-10', prorationPrecision: 'monthly+daily' },
      '1',
    );
    expect(line.prorateMultiplier).toBe('0.3287671232876712328767123287671232876712');
  });

  test('example: default 12 months, list 30, term 24 months: PM 2, price 60', () => {
    const line = subscription({ months: '24' });
    expect([line.prorateMultiplier, line.regularUnitPrice, line.netTotal]).toEqual(['2', '60', '60.00']);
  });

  test('the list price is for the default term, 12 months when blank: no term -> PM 1', () => {
    const line = subscription(undefined, null);
    expect([line.termMonths, line.prorateMultiplier, line.netTotal]).toEqual(['12', '1', '30.00']);
  });

  test('day precision: days / (default months x 365/12); 365 days -> 1, leap year 366 days -> 366/365', () => {
    expect(
      subscription({ startDate: '2026-01-01', endDate: '2026-12-31', prorationPrecision: 'day' }).prorateMultiplier,
    ).toBe('1');
    const leap = subscription({ startDate: '2028-01-01', endDate: '2028-12-31', prorationPrecision: 'day' });
    expect(leap.prorateMultiplier).toBe('1.002739726027397260273972602739726027397');
    expect(leap.netTotal).toBe('30.08');
  });

  test('month precision: a partial month is rounded up (Jan 15..Mar 20 = 2 months + 6 days -> 3)', () => {
    const line = subscription({ startDate: '2026-01-15', endDate: '2026-03-20', prorationPrecision: 'month' });
    expect([line.termMonths, line.prorateMultiplier]).toEqual(['3', '0.25']);
  });

  test('monthly+daily: whole months plus remaining days x 12/365 (Jan 15..Mar 20 = 2 + 6 x 12/365)', () => {
    const line = subscription({ startDate: '2026-01-15', endDate: '2026-03-20', prorationPrecision: 'monthly+daily' });
    // (2 x 365 + 6 x 12) / (365 x 12) = 802 / 4380
    expect(line.prorateMultiplier).toBe('0.1831050228310502283105022831050228310502');
  });

  test('dates are inclusive: a one-day term is 1 day, a calendar year is exactly 12 months in any year', () => {
    expect(subscription({ startDate: '2026-03-01', endDate: '2026-03-01', prorationPrecision: 'day' }).termMonths).toBe(
      '0.03287671232876712328767123287671232876712',
    );
    expect(subscription({ startDate: '2028-03-15', endDate: '2029-03-14' }).prorateMultiplier).toBe('1');
  });

  test('whole months m = largest m with start + m months - 1 day <= end; remaining = end - (start + m months) + 1', () => {
    expect(split('2026-01-01', '2026-12-31')).toEqual({ whole: 12, remainingDays: 0 });
    expect(split('2026-02-01', '2026-02-10')).toEqual({ whole: 0, remainingDays: 10 });
    expect(split('2026-01-15', '2026-02-13')).toEqual({ whole: 0, remainingDays: 30 });
    expect(split('2026-01-15', '2026-02-14')).toEqual({ whole: 1, remainingDays: 0 });
  });

  test('month-end starts clamp: Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year), Jan 31 + 2 months = Mar 31', () => {
    expect(addMonths(parseIsoDate('2026-01-31'), 1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonths(parseIsoDate('2028-01-31'), 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonths(parseIsoDate('2026-01-31'), 2)).toEqual({ year: 2026, month: 3, day: 31 });
    expect(addMonths(parseIsoDate('2026-11-30'), 3)).toEqual({ year: 2027, month: 2, day: 28 });
    // Jan 31..Feb 27 is one whole month (Feb 28 - 1 day = Feb 27); Jan 31..Feb 28 adds 1 day.
    expect(split('2026-01-31', '2026-02-27')).toEqual({ whole: 1, remainingDays: 0 });
    expect(split('2026-01-31', '2026-02-28')).toEqual({ whole: 1, remainingDays: 1 });
    expect(split('2028-01-31', '2028-02-28')).toEqual({ whole: 1, remainingDays: 0 });
    expect(split('2026-01-31', '2026-03-30')).toEqual({ whole: 2, remainingDays: 0 });
  });

  test('a per-line term overrides the quote term', () => {
    const line = priceLine({
      term: { months: '12' },
      products: [{ sku: 'SUB', prices: { USD: '30' }, recurring: {} }],
      lines: [{ id: 'l1', sku: 'SUB', quantity: '1', term: { months: '6' } }],
    });
    expect([line.termMonths, line.prorateMultiplier, line.netTotal]).toEqual(['6', '0.5', '15.00']);
  });

  test('a per-line date term without a precision uses the quote term precision', () => {
    const line = priceLine({
      term: { startDate: '2026-01-01', endDate: '2026-12-31', prorationPrecision: 'month' },
      products: [{ sku: 'SUB', prices: { USD: '120' }, recurring: {} }],
      lines: [{ id: 'l1', sku: 'SUB', quantity: '1', term: { startDate: '2026-07-01', endDate: '2026-12-15' } }],
    });
    expect([line.termMonths, line.netTotal]).toEqual(['6', '60.00']);
  });

  test('one-time products are never prorated', () => {
    const line = priceLine({
      term: { months: '24' },
      products: [{ sku: 'HW', prices: { USD: '30' } }],
      lines: [{ id: 'l1', sku: 'HW', quantity: '1' }],
    });
    expect([line.recurring, line.termMonths, line.prorateMultiplier, line.netTotal]).toEqual([
      false,
      null,
      null,
      '30.00',
    ]);
  });
});
