import { Decimal, formatDecimal } from '../../../kernel/money/money.ts';
import type { TermInput } from './pricing-schema-primitives.ts';
import { addMonths, dayNumber, parseIsoDate, type CivilDate } from '../../../kernel/calendar/calendar-date.ts';

export type ProrationPrecision = 'day' | 'month' | 'monthly+daily';

/** docs/pricing.md "How a quote is priced" (term proration) "A subscription product has a default term in months (12 if blank)". */
export const DEFAULT_TERM_MONTHS = new Decimal(12);

/**
 * Dates without a precision use monthly+daily: it is the only precision that gives whole
 * calendar months exactly (a year is 12, never 12.03 in a leap year) and still prorates partial months.
 */
export const DEFAULT_PRORATION_PRECISION: ProrationPrecision = 'monthly+daily';

/**
 * An effective term as an exact fraction of months, numerator / denominator, so the prorate
 * multiplier and MRR are each one division at full precision (docs/pricing.md (money and rounding): multipliers keep
 * full precision; no 4-dp multiplier that turns a 100,000 deal into 99,999.99 ARR).
 */
export interface ResolvedTerm {
  /** Short identity within one quote, for memo keys. */
  key: string;
  numerator: Decimal;
  denominator: Decimal;
  /** numerator / denominator, for display and term-schedule tiers. */
  months: Decimal;
  monthsText: string;
  detail: string;
}

const DAYS_PER_YEAR = 365;

/** Resolves an explicit term (months or inclusive dates) to months (docs/pricing.md "How a quote is priced" (term proration)). */
export function resolveTerm(term: TermInput, fallbackPrecision: ProrationPrecision, key = ''): ResolvedTerm {
  if (term.months !== undefined) {
    const months = new Decimal(term.months);
    return {
      key,
      numerator: months,
      denominator: new Decimal(1),
      months,
      monthsText: formatDecimal(months),
      detail: `${months.toString()} months`,
    };
  }
  const start = parseIsoDate(term.startDate ?? '');
  const end = parseIsoDate(term.endDate ?? '');
  const precision = term.prorationPrecision ?? fallbackPrecision;
  const span = `${term.startDate}..${term.endDate}`;
  if (precision === 'day') {
    // `day`: days / (default term months x 365/12); as months: days x 12/365.
    const days = dayNumber(end) - dayNumber(start) + 1;
    return fraction(key, days * 12, DAYS_PER_YEAR, `${span} day: ${days} days x 12/365`);
  }
  const { whole, remainingDays } = wholeMonthsAndDays(start, end);
  if (precision === 'month') {
    // `month`: months, a partial month rounded up.
    const months = whole + (remainingDays > 0 ? 1 : 0);
    return fraction(
      key,
      months,
      1,
      `${span} month: ${whole} months + ${remainingDays} days rounded up to ${months} months`,
    );
  }
  // `monthly+daily`: whole months + remaining days x 12/365.
  return fraction(
    key,
    whole * DAYS_PER_YEAR + remainingDays * 12,
    DAYS_PER_YEAR,
    `${span} monthly+daily: ${whole} months + ${remainingDays} days x 12/365`,
  );
}

/**
 * Whole months m = the largest m with start + m months - 1 day <= end; remaining days =
 * end - (start + m months) + 1 (docs/pricing.md "How a quote is priced" (term proration); both dates inclusive, month-end starts clamp).
 */
export function wholeMonthsAndDays(start: CivilDate, end: CivilDate): { whole: number; remainingDays: number } {
  const dayAfterEnd = dayNumber(end) + 1;
  const fits = (m: number): boolean => dayNumber(addMonths(start, m)) <= dayAfterEnd;
  let whole = Math.max(0, (end.year - start.year) * 12 + (end.month - start.month));
  while (whole > 0 && !fits(whole)) whole -= 1;
  while (fits(whole + 1)) whole += 1;
  return { whole, remainingDays: dayAfterEnd - dayNumber(addMonths(start, whole)) };
}

function fraction(key: string, numerator: number, denominator: number, detail: string): ResolvedTerm {
  const num = new Decimal(numerator);
  const den = new Decimal(denominator);
  const months = num.div(den);
  return { key, numerator: num, denominator: den, months, monthsText: formatDecimal(months), detail };
}

/** PM = effective term / default term (docs/pricing.md "How a quote is priced" (term proration)), one division at full precision. */
export function prorateMultiplier(term: ResolvedTerm, defaultTermMonths: Decimal): Decimal {
  return term.numerator.div(term.denominator.times(defaultTermMonths));
}
