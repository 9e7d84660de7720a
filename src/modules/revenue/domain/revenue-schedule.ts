import { parseIsoDate } from '../../../kernel/calendar/calendar-date.ts';
import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { parseDecimal } from '../../../kernel/money/money.ts';
import { formatMinorUnits, toMinorUnits, type RoundingMode } from '../../../kernel/money/rounding.ts';
import { allocateByWeights, spreadByWeights } from './minor-units.ts';
import {
  monthIndexOf,
  periodLabel,
  ratableWeights,
  type MonthIndex,
  type RecognitionMethod,
} from './recognition-periods.ts';
import type { RevenueScheduleRequest, RevenueScheduleResponse } from './revenue-schedule-schema.ts';
import { decimalWeights } from './decimal-weights.ts';

/** What one line needs to be scheduled (the pure engine's unit of work; stored schedules use it too). */
export interface ScheduleLineSpec {
  recognition: 'ratable' | 'point-in-time';
  startDate?: string | undefined;
  endDate?: string | undefined;
  deliveryDate?: string | undefined;
}

export interface PeriodAmount {
  period: string;
  /** Minor units (cents). */
  minor: bigint;
}

/** A line's months as parallel arrays (no object per month: schedules run to millions of rows). */
export interface LineSpread {
  first: MonthIndex;
  amounts: bigint[];
}

/**
 * A line's revenue by calendar month: ratable lines over their service period (weighted by
 * `method`), point-in-time lines wholly in the delivery month (ASC 606-10-25-30). Periods sum
 * exactly to `allocated` (ERPNext: each month rounded, the last month takes the difference).
 */
export function spreadLine(
  line: ScheduleLineSpec,
  allocated: bigint,
  method: RecognitionMethod,
  mode: RoundingMode,
): LineSpread {
  if (line.recognition === 'point-in-time') {
    if (line.deliveryDate === undefined) throw new RangeError('point-in-time line without deliveryDate');
    return { first: monthIndexOf(parseIsoDate(line.deliveryDate)), amounts: [allocated] };
  }
  if (line.startDate === undefined || line.endDate === undefined) throw new RangeError('ratable line without dates');
  const { first, weights } = ratableWeights(parseIsoDate(line.startDate), parseIsoDate(line.endDate), method);
  return { first, amounts: spreadByWeights(allocated, weights, mode) };
}

/** {@link spreadLine} as `{ period, minor }` rows. */
export function scheduleLine(
  line: ScheduleLineSpec,
  allocated: bigint,
  method: RecognitionMethod,
  mode: RoundingMode,
): PeriodAmount[] {
  const { first, amounts } = spreadLine(line, allocated, method, mode);
  return amounts.map((minor, offset) => ({ period: periodLabel(first + offset), minor }));
}

/**
 * The line amounts in minor units: each line's own amount rounded to the currency, or, with a
 * transactionPrice, that price (rounded) allocated over the lines by relative standalone selling
 * price with largest remainder, ties to the earlier line (ASC 606-10-32-31, IFRS 15.74).
 */
export function allocateLines(request: RevenueScheduleRequest): bigint[] {
  const minorUnits = minorUnitsOf(request.currency);
  if (request.transactionPrice === undefined) {
    return request.lines.map((line) => toMinorUnits(parseDecimal(line.amount), minorUnits, request.roundingMode));
  }
  const price = toMinorUnits(parseDecimal(request.transactionPrice), minorUnits, request.roundingMode);
  const weights = decimalWeights(request.lines.map((line) => parseDecimal(line.standaloneSellingPrice ?? '0')));
  return allocateByWeights(price, weights);
}

/** `cpq revenue-schedule`: a pure function of the request (contracts/public-interfaces.md). */
export function computeRevenueSchedule(request: RevenueScheduleRequest): RevenueScheduleResponse {
  const minorUnits = minorUnitsOf(request.currency);
  const format = (minor: bigint): string => formatMinorUnits(minor, minorUnits);
  const allocated = allocateLines(request);
  const allocations: RevenueScheduleResponse['allocations'] = [];
  const schedule: RevenueScheduleResponse['schedule'] = [];
  const byPeriod = new Map<MonthIndex, bigint>();
  let total = 0n;
  request.lines.forEach((line, index) => {
    const amount = allocated[index] ?? 0n;
    total += amount;
    allocations.push({ lineId: line.id, allocated: format(amount) });
    const { first, amounts } = spreadLine(line, amount, request.method, request.roundingMode);
    for (let offset = 0; offset < amounts.length; offset += 1) {
      const minor = amounts[offset] ?? 0n;
      const month = first + offset;
      schedule.push({ lineId: line.id, period: periodLabel(month), amount: format(minor) });
      byPeriod.set(month, (byPeriod.get(month) ?? 0n) + minor);
    }
  });
  return {
    currency: request.currency,
    total: format(total),
    allocations,
    schedule,
    byPeriod: [...byPeriod.entries()]
      .sort(([a], [b]) => a - b)
      .map(([month, minor]) => ({ period: periodLabel(month), amount: format(minor) })),
  };
}
