import {
  addMonths,
  daysInMonth,
  formatYearMonth,
  monthSlices,
  parseIsoDate,
} from '../../../kernel/calendar/calendar-date.ts';
import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { parseDecimal } from '../../../kernel/money/money.ts';
import { formatMinorUnits, toMinorUnits } from '../../../kernel/money/rounding.ts';

export interface PeriodSum {
  currency: string;
  /** Month from which the contract counts as deferred (its start or creation). */
  inceptionPeriod: string;
  period: string;
  amount: string;
}

export interface RevenueWaterfall {
  from: string;
  to: string;
  currencies: Array<{
    currency: string;
    months: Array<{ period: string; recognized: string; deferredEnd: string }>;
  }>;
}

/** `YYYY-MM` months from `from` to `to`, both included. */
export function periodsBetween(from: string, to: string): string[] {
  return monthSlices(parseIsoDate(`${from}-01`), parseIsoDate(`${to}-01`)).map((slice) => formatYearMonth(slice));
}

/**
 * The last month wholly recognised as of a date: revenue of a month counts once the month is over
 * (2026-03-31 -> 2026-03; 2026-03-15 -> 2026-02), since schedules are kept per calendar month.
 */
export function closedPeriodAsOf(isoDate: string): string {
  const date = parseIsoDate(isoDate);
  return date.day === daysInMonth(date.year, date.month)
    ? formatYearMonth(date)
    : formatYearMonth(addMonths({ ...date, day: 1 }, -1));
}

/**
 * The revenue waterfall per currency: revenue recognised in each month, and the deferred balance at
 * each month's end = the scheduled revenue of later months of contracts already signed (contract
 * value not yet earned, ASC 606-10-50-13 "remaining performance obligations").
 */
export function buildWaterfall(sums: readonly PeriodSum[], from: string, to: string): RevenueWaterfall {
  const periods = periodsBetween(from, to);
  const currencies = [...new Set(sums.map((s) => s.currency))].sort();
  return {
    from,
    to,
    currencies: currencies.map((currency) => {
      const minorUnits = minorUnitsOf(currency);
      const mine = sums
        .filter((s) => s.currency === currency)
        .map((s) => ({ ...s, minor: toMinorUnits(parseDecimal(s.amount), minorUnits, 'half-up') }));
      return {
        currency,
        months: periods.map((period) => {
          let recognized = 0n;
          let deferred = 0n;
          for (const sum of mine) {
            if (sum.period === period) recognized += sum.minor;
            if (sum.period > period && sum.inceptionPeriod <= period) deferred += sum.minor;
          }
          return {
            period,
            recognized: formatMinorUnits(recognized, minorUnits),
            deferredEnd: formatMinorUnits(deferred, minorUnits),
          };
        }),
      };
    }),
  };
}
