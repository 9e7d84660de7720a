import {
  formatYearMonth,
  monthSlices,
  type CivilDate,
  type MonthSlice,
} from '../../../kernel/calendar/calendar-date.ts';

/**
 * How a ratable line's amount is weighted across the calendar months of its service period
 * (ASC 606-10-55-17: a stand-ready obligation satisfied evenly over time is recognised ratably).
 *  - `daily`: by days; a month's weight is the days of the period in it (ERPNext's daily basis).
 *  - `monthly`: a whole calendar month counts 1, a partial month its days / days in that month;
 *    every month then gets amount x count / total count.
 */
export type RecognitionMethod = 'daily' | 'monthly';

/**
 * lcm(28, 29, 30, 31): a partial month's fraction days / days-in-month becomes the exact integer
 * days x (this / days-in-month), so monthly weights stay exact integers like daily ones.
 */
const MONTH_FRACTION_DENOMINATOR = 377_580n;

export interface WeightedPeriod {
  /** `YYYY-MM`. */
  period: string;
  weight: bigint;
}

export function monthWeight(slice: MonthSlice, method: RecognitionMethod): bigint {
  if (method === 'daily') return BigInt(slice.days);
  return (BigInt(slice.days) * MONTH_FRACTION_DENOMINATOR) / BigInt(slice.daysInMonth);
}

/** The months of an inclusive service period with their weights, in calendar order. */
export function ratablePeriods(start: CivilDate, end: CivilDate, method: RecognitionMethod): WeightedPeriod[] {
  return monthSlices(start, end).map((slice) => ({
    period: formatYearMonth(slice),
    weight: monthWeight(slice, method),
  }));
}
