import { computeRevenueSchedule } from '../../src/modules/revenue/domain/revenue-schedule.ts';
import {
  RevenueScheduleRequestSchema,
  type RevenueScheduleResponse,
} from '../../src/modules/revenue/domain/revenue-schedule-schema.ts';
import { parseInput } from '../../src/kernel/errors/parse-input.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';

function schedule(request: unknown): RevenueScheduleResponse {
  return computeRevenueSchedule(parseInput(RevenueScheduleRequestSchema, request, 'REVENUE_REQUEST_INVALID'));
}

function amountsOf(response: RevenueScheduleResponse, lineId: string): Array<[string, string]> {
  return response.schedule.filter((row) => row.lineId === lineId).map((row) => [row.period, row.amount]);
}

function issuesOf(request: unknown): Array<{ path: string; message: string }> {
  try {
    schedule(request);
  } catch (error) {
    if (error instanceof AppError) {
      expect([error.kind, error.code]).toEqual(['validation', 'REVENUE_REQUEST_INVALID']);
      return error.issues;
    }
    throw error;
  }
  throw new Error('request was accepted');
}

const pointInTime = (id: string, amount: string, ssp: string) => ({
  id,
  amount,
  standaloneSellingPrice: ssp,
  recognition: 'point-in-time',
  deliveryDate: '2026-01-15',
});

describe('SSP allocation (ASC 606-10-32-31, IFRS 15.74)', () => {
  test("KPMG's bundle: standalone prices 20/30/40 sold for 80 allocate 17.78 / 26.67 / 35.55 (largest remainder)", () => {
    // Exact shares 17.777.., 26.666.., 35.555..: floors 17.77 + 26.66 + 35.55 = 79.98; the two
    // leftover cents go to the two largest remainders (.0077.., .0066..), not to the third (.0055..).
    const response = schedule({
      currency: 'USD',
      transactionPrice: '80.00',
      lines: [pointInTime('a', '20.00', '20'), pointInTime('b', '30.00', '30'), pointInTime('c', '40.00', '40')],
    });
    expect(response.allocations).toEqual([
      { lineId: 'a', allocated: '17.78' },
      { lineId: 'b', allocated: '26.67' },
      { lineId: 'c', allocated: '35.55' },
    ]);
    expect(response.total).toBe('80.00');
    expect(response.byPeriod).toEqual([{ period: '2026-01', amount: '80.00' }]);
  });

  test('equal remainders: the leftover cent goes to the earlier line', () => {
    const response = schedule({
      currency: 'USD',
      transactionPrice: '100',
      lines: [pointInTime('x', '1', '1'), pointInTime('y', '1', '1'), pointInTime('z', '1', '1')],
    });
    expect(response.allocations.map((a) => a.allocated)).toEqual(['33.34', '33.33', '33.33']);
  });

  test('remainders are compared exactly: equal remainders on different weights still go to the earlier line', () => {
    // 0.02 by 4:1:1 -> 1.333.., 0.333.., 0.333.. cents: three equal remainders of 1/3, one leftover cent.
    // (At 40 significant digits 1.333.. keeps one decimal fewer than 0.333.. and would look smaller.)
    const first = schedule({
      currency: 'USD',
      transactionPrice: '0.02',
      lines: [pointInTime('a', '0', '4'), pointInTime('b', '0', '1'), pointInTime('c', '0', '1')],
    });
    expect(first.allocations.map((a) => a.allocated)).toEqual(['0.02', '0.00', '0.00']);
    const second = schedule({
      currency: 'USD',
      transactionPrice: '0.02',
      lines: [pointInTime('a', '0', '1'), pointInTime('b', '0', '4'), pointInTime('c', '0', '1')],
    });
    expect(second.allocations.map((a) => a.allocated)).toEqual(['0.01', '0.01', '0.00']);
  });

  test('a JPY price allocates in whole yen; a zero-SSP line gets nothing', () => {
    const response = schedule({
      currency: 'JPY',
      transactionPrice: '1000',
      lines: [pointInTime('a', '0', '1'), pointInTime('b', '0', '0'), pointInTime('c', '0', '2')],
    });
    expect(response.allocations.map((a) => a.allocated)).toEqual(['333', '0', '667']);
  });

  test('without transactionPrice each line keeps its own amount, rounded to the currency', () => {
    const response = schedule({
      currency: 'USD',
      lines: [pointInTime('a', '20', '99'), { ...pointInTime('b', '10.005', '1') }],
    });
    expect(response.allocations).toEqual([
      { lineId: 'a', allocated: '20.00' },
      { lineId: 'b', allocated: '10.01' },
    ]);
    expect(response.total).toBe('30.01');
  });

  test('a negative transaction price (a credit) splits symmetrically', () => {
    const response = schedule({
      currency: 'USD',
      transactionPrice: '-80',
      lines: [pointInTime('a', '0', '20'), pointInTime('b', '0', '30'), pointInTime('c', '0', '40')],
    });
    expect(response.allocations.map((a) => a.allocated)).toEqual(['-17.78', '-26.67', '-35.55']);
  });
});

describe('ratable recognition by calendar month', () => {
  test("ERPNext's example: 100 over 2019-01-10..2019-03-15 by day -> 33.85 / 43.08 / 23.07 (last month takes the difference)", () => {
    const response = schedule({
      currency: 'USD',
      method: 'daily',
      lines: [{ id: 'r', amount: '100', recognition: 'ratable', startDate: '2019-01-10', endDate: '2019-03-15' }],
    });
    expect(amountsOf(response, 'r')).toEqual([
      ['2019-01', '33.85'],
      ['2019-02', '43.08'],
      ['2019-03', '23.07'],
    ]);
    // Cumulative rounding would give 43.07 for February; each month is rounded on its own.
  });

  test('1,200.00 per year from January 15 of a non-leap year, daily: January is 1,200 x 17/365 = 55.89', () => {
    const response = schedule({
      currency: 'USD',
      method: 'daily',
      lines: [{ id: 'a', amount: '1200.00', recognition: 'ratable', startDate: '2026-01-15', endDate: '2027-01-14' }],
    });
    const months = amountsOf(response, 'a');
    expect(months[0]).toEqual(['2026-01', '55.89']);
    expect(months[1]).toEqual(['2026-02', '92.05']); // 1200 x 28/365 = 92.054..
    expect(months).toHaveLength(13);
    // 14 days of January 2027 would be 46.027..; as the last month it takes the difference 1200 - 1153.98.
    expect(months[12]).toEqual(['2027-01', '46.02']);
    expect(response.total).toBe('1200.00');
  });

  test('the same year starting in a leap year has 366 days: January is 1,200 x 17/366 = 55.74, February 29 days', () => {
    const response = schedule({
      currency: 'USD',
      lines: [{ id: 'a', amount: '1200.00', recognition: 'ratable', startDate: '2028-01-15', endDate: '2029-01-14' }],
    });
    const months = amountsOf(response, 'a');
    expect(months[0]).toEqual(['2028-01', '55.74']);
    expect(months[1]).toEqual(['2028-02', '95.08']); // 1200 x 29/366 = 95.081..
  });

  test('monthly method: whole months count 1, partial months days/days-in-month (Jan 10..Mar 15 2019 -> 32.35 / 45.59 / 22.06)', () => {
    // counts 22/31, 1, 15/31; total 68/31 -> January 100 x 22/68 = 32.35, February 100 x 31/68 = 45.59.
    const response = schedule({
      currency: 'USD',
      method: 'monthly',
      lines: [{ id: 'r', amount: '100', recognition: 'ratable', startDate: '2019-01-10', endDate: '2019-03-15' }],
    });
    expect(amountsOf(response, 'r')).toEqual([
      ['2019-01', '32.35'],
      ['2019-02', '45.59'],
      ['2019-03', '22.06'],
    ]);
  });

  test('monthly method: 1,200 over a whole year is 100.00 every month, February included', () => {
    const response = schedule({
      currency: 'USD',
      method: 'monthly',
      lines: [{ id: 'a', amount: '1200', recognition: 'ratable', startDate: '2026-01-01', endDate: '2026-12-31' }],
    });
    expect(new Set(amountsOf(response, 'a').map(([, amount]) => amount))).toEqual(new Set(['100.00']));
  });

  test('half-even rounds a half cent to the even cent, half-up away from zero', () => {
    // 0.25 over two equal months: 0.125 each.
    const line = { id: 'a', amount: '0.25', recognition: 'ratable', startDate: '2026-06-01', endDate: '2026-07-30' };
    // June 30 days, July 30 days -> 0.125 exactly.
    const halfUp = schedule({ currency: 'USD', roundingMode: 'half-up', lines: [line] });
    const halfEven = schedule({ currency: 'USD', roundingMode: 'half-even', lines: [line] });
    expect(amountsOf(halfUp, 'a')).toEqual([
      ['2026-06', '0.13'],
      ['2026-07', '0.12'],
    ]);
    expect(amountsOf(halfEven, 'a')).toEqual([
      ['2026-06', '0.12'],
      ['2026-07', '0.13'],
    ]);
  });

  test('rounding up never drives a positive line negative: 0.03 over five whole months is 0.01, 0.01, 0.01, 0, 0', () => {
    const response = schedule({
      currency: 'USD',
      method: 'monthly',
      lines: [{ id: 'a', amount: '0.03', recognition: 'ratable', startDate: '2026-01-01', endDate: '2026-05-31' }],
    });
    expect(amountsOf(response, 'a').map(([, amount]) => amount)).toEqual(['0.01', '0.01', '0.01', '0.00', '0.00']);
  });

  test('a one-day service period falls wholly in its month', () => {
    const response = schedule({
      currency: 'EUR',
      lines: [{ id: 'a', amount: '9.99', recognition: 'ratable', startDate: '2026-03-31', endDate: '2026-03-31' }],
    });
    expect(response.schedule).toEqual([{ lineId: 'a', period: '2026-03', amount: '9.99' }]);
  });
});

describe('point-in-time and the whole response', () => {
  test('a bundle of hardware (point in time) + subscription (ratable) + services sold at a discount: byPeriod sums every line', () => {
    const response = schedule({
      currency: 'USD',
      roundingMode: 'half-up',
      method: 'daily',
      transactionPrice: '1000.00',
      lines: [
        {
          id: 'hw',
          sku: 'PHONE',
          amount: '400',
          standaloneSellingPrice: '500',
          recognition: 'point-in-time',
          deliveryDate: '2026-02-10',
        },
        {
          id: 'sub',
          sku: 'CRM',
          amount: '600',
          standaloneSellingPrice: '600',
          recognition: 'ratable',
          startDate: '2026-01-01',
          endDate: '2026-03-31',
        },
        {
          id: 'svc',
          sku: 'SETUP',
          amount: '0',
          standaloneSellingPrice: '150',
          recognition: 'point-in-time',
          deliveryDate: '2026-01-20',
        },
      ],
    });
    // 1000 x 500/1250 = 400, x 600/1250 = 480, x 150/1250 = 120.
    expect(response.allocations.map((a) => a.allocated)).toEqual(['400.00', '480.00', '120.00']);
    // 480 over 90 days: Jan 31 -> 165.33, Feb 28 -> 149.33, Mar the rest 165.34.
    expect(amountsOf(response, 'sub')).toEqual([
      ['2026-01', '165.33'],
      ['2026-02', '149.33'],
      ['2026-03', '165.34'],
    ]);
    expect(response.byPeriod).toEqual([
      { period: '2026-01', amount: '285.33' },
      { period: '2026-02', amount: '549.33' },
      { period: '2026-03', amount: '165.34' },
    ]);
    expect(response).toMatchObject({ currency: 'USD', total: '1000.00' });
  });
});

describe('invalid requests (exit 2 / HTTP 400)', () => {
  const ratable = { id: 'a', amount: '10', recognition: 'ratable', startDate: '2026-01-01', endDate: '2026-12-31' };

  test('a transactionPrice without standalone selling prices is invalid, naming each line', () => {
    expect(issuesOf({ currency: 'USD', transactionPrice: '80', lines: [ratable] })).toEqual([
      { path: 'lines.0.standaloneSellingPrice', message: 'required with transactionPrice' },
    ]);
  });

  test('standalone selling prices that are all zero cannot carry a transactionPrice', () => {
    expect(
      issuesOf({ currency: 'USD', transactionPrice: '80', lines: [{ ...ratable, standaloneSellingPrice: '0.00' }] }),
    ).toEqual([
      { path: 'lines', message: 'standalone selling prices must not all be zero when a transactionPrice is allocated' },
    ]);
  });

  test('unknown fields and enum values are invalid (strict request)', () => {
    expect(issuesOf({ currency: 'USD', lines: [ratable], extra: 1 }).map((i) => i.path)).toEqual(['']);
    expect(issuesOf({ currency: 'USD', method: 'weekly', lines: [ratable] }).map((i) => i.path)).toEqual(['method']);
    expect(issuesOf({ currency: 'USD', lines: [{ ...ratable, recognition: 'usage' }] }).map((i) => i.path)).toEqual([
      'lines.0.recognition',
    ]);
  });

  test('ratable lines need startDate <= endDate; point-in-time lines need a deliveryDate; ids are unique', () => {
    expect(issuesOf({ currency: 'USD', lines: [{ ...ratable, endDate: '2025-12-31' }] })).toEqual([
      { path: 'lines.0.endDate', message: 'must not be before startDate' },
    ]);
    expect(
      issuesOf({ currency: 'USD', lines: [{ id: 'p', amount: '1', recognition: 'point-in-time' }, ratable, ratable] }),
    ).toEqual([
      { path: 'lines.0.deliveryDate', message: 'required for recognition "point-in-time"' },
      { path: 'lines.2.id', message: 'duplicate line id "a"' },
    ]);
    expect(issuesOf({ currency: 'USD', lines: [{ ...ratable, startDate: '2026-02-30' }] }).map((i) => i.path)).toEqual([
      'lines.0.startDate',
    ]);
  });

  test('money must be exact decimal strings; the currency must be ISO 4217; at least one line', () => {
    expect(issuesOf({ currency: 'USD', lines: [{ ...ratable, amount: 10 }] }).map((i) => i.path)).toEqual([
      'lines.0.amount',
    ]);
    expect(issuesOf({ currency: 'XYZ', lines: [ratable] }).map((i) => i.path)).toEqual(['currency']);
    expect(issuesOf({ currency: 'USD', lines: [] }).map((i) => i.path)).toEqual(['lines']);
  });
});
