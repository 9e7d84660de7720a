/**
 * Civil-date arithmetic on ISO `YYYY-MM-DD` strings for proration (docs/pricing.md "How a quote is priced" (term proration)). Dates are
 * plain calendar days: no time zone, no clock. Day numbers are integer counts of days (never money),
 * so plain integers are exact here.
 */
export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function parseIsoDate(text: string): CivilDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`Not an ISO date: ${text}`);
  return {
    year: Number.parseInt(match[1] ?? '', 10),
    month: Number.parseInt(match[2] ?? '', 10),
    day: Number.parseInt(match[3] ?? '', 10),
  };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 31);
}

/** Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's days_from_civil). */
export function dayNumber(date: CivilDate): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthIndex = (date.month + 9) % 12; // March = 0
  const dayOfYear = Math.floor((153 * monthIndex + 2) / 5) + date.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * `date` + `months` calendar months, clamped to the target month's last day
 * (docs/pricing.md "How a quote is priced" (term proration): "Jan 31 + 1 month = Feb 28"). Always counted from the original date, so
 * Jan 31 + 2 months is Mar 31, not Mar 28.
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}
