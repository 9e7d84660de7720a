import { daysInMonth, formatYearMonth, type CivilDate } from '../../../kernel/calendar/calendar-date.ts';

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

/** Small bigints made once: a schedule of millions of rows would otherwise allocate one per month. */
const DAY_COUNTS: readonly bigint[] = Array.from({ length: 32 }, (_, days) => BigInt(days));
const MONTHLY_WEIGHTS: ReadonlyMap<number, bigint> = new Map(
  [28, 29, 30, 31].flatMap((monthDays) =>
    Array.from({ length: monthDays + 1 }, (_, days): [number, bigint] => [
      monthDays * 32 + days,
      (BigInt(days) * MONTH_FRACTION_DENOMINATOR) / BigInt(monthDays),
    ]),
  ),
);

/** A calendar month as one integer: year x 12 + (month - 1). */
export type MonthIndex = number;

export function monthIndexOf(date: Pick<CivilDate, 'year' | 'month'>): MonthIndex {
  return date.year * 12 + (date.month - 1);
}

const PERIOD_LABELS = new Map<MonthIndex, string>();

/** `YYYY-MM` of a month index; labels are shared strings (one per month, not one per row). */
export function periodLabel(index: MonthIndex): string {
  let label = PERIOD_LABELS.get(index);
  if (label === undefined) {
    label = formatYearMonth({ year: Math.floor(index / 12), month: (index % 12) + 1 });
    PERIOD_LABELS.set(index, label);
  }
  return label;
}

export function monthWeight(days: number, monthDays: number, method: RecognitionMethod): bigint {
  if (method === 'daily') return DAY_COUNTS[days] ?? BigInt(days);
  return MONTHLY_WEIGHTS.get(monthDays * 32 + days) ?? 0n;
}

export interface RatableWeights {
  /** Month index of the first month of the service period. */
  first: MonthIndex;
  /** One weight per calendar month from `first` on, in order. */
  weights: bigint[];
}

/** The months of an inclusive service period (start <= end) with their weights, in calendar order. */
export function ratableWeights(start: CivilDate, end: CivilDate, method: RecognitionMethod): RatableWeights {
  const first = monthIndexOf(start);
  const last = monthIndexOf(end);
  const weights: bigint[] = [];
  for (let index = first; index <= last; index += 1) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const monthDays = daysInMonth(year, month);
    const from = index === first ? start.day : 1;
    const to = index === last ? end.day : monthDays;
    weights.push(monthWeight(to - from + 1, monthDays, method));
  }
  return { first, weights };
}
