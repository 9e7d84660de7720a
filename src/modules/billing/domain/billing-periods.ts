import {
  addDays,
  addMonths,
  clampedDate,
  compareDates,
  daysInclusive,
  type CivilDate,
} from '../../../kernel/calendar/calendar-date.ts';
import { Decimal, ONE } from '../../../kernel/money/money.ts';
import { FREQUENCY_MONTHS, type BillingAnchor, type BillingFrequency } from './billing-schedule-schema.ts';

/**
 * One billing period of a recurring line, cut to the line's dates. `fullDays` is the length of the
 * full anchored period containing it; `factor` = days / fullDays (1 for a full period), Kill Bill's
 * proration rule ("Subscription Billing" docs, leading/trailing pro-ration) which for monthly
 * periods is Lago's "17/31" for a plan starting on the 15th of a 31-day month billed on the 1st.
 * `fullMonths` is the full period's length in months; upfront: the whole term in months.
 */
export interface BillingPeriod {
  start: CivilDate;
  end: CivilDate;
  fullDays: number;
  factor: Decimal;
  fullMonths: Decimal;
}

/**
 * The periods of a recurring line from `start` to `end` (inclusive) for a frequency and anchor.
 * Anchor `start`: periods start on the start date's day every N months, counted from the start
 * date so a clamped month returns to the anchor day (31 Jan, 28 Feb, 31 Mar). Anchor day D:
 * periods start on day D (clamped) of calendar-aligned months: every month, Jan/Apr/Jul/Oct,
 * Jan/Jul or Jan. `upfront` is one period covering the whole term.
 */
export function billingPeriods(
  start: CivilDate,
  end: CivilDate,
  frequency: BillingFrequency,
  anchor: BillingAnchor,
): BillingPeriod[] {
  if (frequency === 'upfront') {
    return [{ start, end, fullDays: daysInclusive(start, end), factor: ONE, fullMonths: termMonths(start, end) }];
  }
  const months = FREQUENCY_MONTHS[frequency];
  const boundary = anchoredBoundaries(start, months, anchor);
  const periods: BillingPeriod[] = [];
  for (let k = 0; compareDates(boundary(k), end) <= 0; k += 1) {
    const fullStart = boundary(k);
    const fullEnd = addDays(boundary(k + 1), -1);
    const periodStart = compareDates(fullStart, start) < 0 ? start : fullStart;
    const periodEnd = compareDates(fullEnd, end) > 0 ? end : fullEnd;
    const fullDays = daysInclusive(fullStart, fullEnd);
    const days = daysInclusive(periodStart, periodEnd);
    periods.push({
      start: periodStart,
      end: periodEnd,
      fullDays,
      factor: days === fullDays ? ONE : new Decimal(days).div(fullDays),
      fullMonths: new Decimal(months),
    });
  }
  return periods;
}

/**
 * Boundary k (k >= 0) of the anchored grid, where boundary 0 is the last period start on or before
 * `start`. Each boundary is computed from the grid's origin, never from the previous boundary, so
 * clamping never drifts.
 */
function anchoredBoundaries(start: CivilDate, months: number, anchor: BillingAnchor): (k: number) => CivilDate {
  if (anchor.type === 'start') return (k) => addMonths(start, k * months);
  const day = anchor.day;
  const at = (monthIndex: number): CivilDate => clampedDate(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, day);
  const startIndex = start.year * 12 + (start.month - 1);
  // Calendar-aligned: quarters start in Jan/Apr/Jul/Oct, halves in Jan/Jul, years in Jan.
  let firstIndex = startIndex - (startIndex % months);
  if (compareDates(at(firstIndex), start) > 0) firstIndex -= months;
  return (k) => at(firstIndex + k * months);
}

/**
 * A term's length in months measured from its start: whole months, then the remaining days over
 * the days of the month-long period that would follow (2022-03-15..2023-03-14 -> 12).
 */
export function termMonths(start: CivilDate, end: CivilDate): Decimal {
  const monthSpan = (end.year - start.year) * 12 + (end.month - start.month);
  let whole = Math.max(0, monthSpan - 1);
  while (compareDates(addDays(addMonths(start, whole + 1), -1), end) <= 0) whole += 1;
  const restStart = addMonths(start, whole);
  if (compareDates(restStart, end) > 0) return new Decimal(whole);
  const restDays = daysInclusive(restStart, end);
  const monthDays = daysInclusive(restStart, addDays(addMonths(start, whole + 1), -1));
  return new Decimal(whole).plus(new Decimal(restDays).div(monthDays));
}
