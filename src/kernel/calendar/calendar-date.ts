/**
 * Civil-date arithmetic on ISO `YYYY-MM-DD` strings for proration (cpq-semantics §3). Dates are
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
 * (cpq-semantics §3: "Jan 31 + 1 month = Feb 28"). Always counted from the original date, so
 * Jan 31 + 2 months is Mar 31, not Mar 28.
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Inverse of `dayNumber` (Howard Hinnant's civil_from_days). */
export function civilFromDayNumber(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `YYYY-MM-DD` of a civil date (years 0..9999, zero-padded). */
export function formatIsoDate(date: CivilDate): string {
  return `${formatYearMonth(date)}-${String(date.day).padStart(2, '0')}`;
}

/** The calendar month of a date as `YYYY-MM` (revenue schedules are keyed by month). */
export function formatYearMonth(date: Pick<CivilDate, 'year' | 'month'>): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}`;
}

/** `date` + `days` calendar days (negative goes back). */
export function addDays(date: CivilDate, days: number): CivilDate {
  return civilFromDayNumber(dayNumber(date) + days);
}

/** Days from `start` to `end`, both inclusive (2022-03-15..2022-03-31 -> 17); 0 when `end` is before `start`. */
export function daysInclusive(start: CivilDate, end: CivilDate): number {
  return Math.max(0, dayNumber(end) - dayNumber(start) + 1);
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return dayNumber(a) - dayNumber(b);
}

/** `day` of the given month, clamped to its last day (day 31 of February -> 28 or 29). */
export function clampedDate(year: number, month: number, day: number): CivilDate {
  return { year, month, day: Math.min(day, daysInMonth(year, month)) };
}

/** The first day of the month `months` after the date's month (0 = its own month). */
export function monthStart(date: CivilDate, months = 0): CivilDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1, day: 1 };
}

/** `text` (an ISO date) shifted by `days` calendar days, as an ISO date. */
export function addDaysIso(text: string, days: number): string {
  return formatIsoDate(addDays(parseIsoDate(text), days));
}

/** One calendar month of an inclusive period: how many of its days the period covers. */
export interface MonthSlice {
  year: number;
  month: number;
  /** Days of the period inside this month (1..daysInMonth). */
  days: number;
  daysInMonth: number;
}

/**
 * Cuts an inclusive period into the calendar months it touches, in order
 * (2019-01-10..2019-03-15 -> Jan 22 days, Feb 28, Mar 15). Empty when `end` is before `start`.
 */
export function monthSlices(start: CivilDate, end: CivilDate): MonthSlice[] {
  const slices: MonthSlice[] = [];
  const first = dayNumber(start);
  const last = dayNumber(end);
  let year = start.year;
  let month = start.month;
  while (year * 12 + month <= end.year * 12 + end.month && first <= last) {
    const monthDays = daysInMonth(year, month);
    const from = Math.max(first, dayNumber({ year, month, day: 1 }));
    const to = Math.min(last, dayNumber({ year, month, day: monthDays }));
    slices.push({ year, month, days: to - from + 1, daysInMonth: monthDays });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return slices;
}
