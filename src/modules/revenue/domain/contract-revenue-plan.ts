import {
  dayNumber,
  daysInclusive,
  formatIsoDate,
  parseIsoDate,
  type CivilDate,
} from '../../../kernel/calendar/calendar-date.ts';
import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { Decimal, parseDecimal, ZERO } from '../../../kernel/money/money.ts';
import { toMinorUnits, type RoundingMode } from '../../../kernel/money/rounding.ts';
import type { ContractLineView, ContractView } from '../../contracts/index.ts';
import { decimalWeights } from './decimal-weights.ts';
import { allocateByWeights } from './minor-units.ts';
import type { RecognitionMethod } from './recognition-periods.ts';
import { scheduleLine, type PeriodAmount, type ScheduleLineSpec } from './revenue-schedule.ts';

export interface PlanOptions {
  method: RecognitionMethod;
  roundingMode: RoundingMode;
}

export interface PlannedLine {
  lineId: string;
  /** Minor units allocated to the line over the whole contract (frozen past + remaining). */
  allocated: bigint;
  /** Rows to write: the whole schedule (inception) or the months from the cutoff on (modification). */
  rows: PeriodAmount[];
}

export interface ContractRevenuePlan {
  transactionPrice: bigint;
  lines: PlannedLine[];
}

function lineSpec(line: ContractLineView): ScheduleLineSpec {
  return line.kind === 'subscription'
    ? { recognition: 'ratable', startDate: line.startDate, endDate: line.endDate }
    : { recognition: 'point-in-time', deliveryDate: line.startDate };
}

/** Units a price applies to: net amount / net unit price (quantity x proration), or the quantity. */
function unitsOf(netAmount: string, netUnitPrice: string, quantity: string): Decimal {
  const unit = parseDecimal(netUnitPrice);
  return unit.isZero() ? parseDecimal(quantity) : parseDecimal(netAmount).div(unit);
}

/**
 * Weights for allocation: unit SSP x units. When every SSP weight is zero (nothing to compare),
 * the lines keep their own net totals as weights; if those are zero too, every line weighs 1.
 */
function allocationWeights(sspWeights: readonly Decimal[], fallback: readonly Decimal[]): bigint[] {
  for (const candidate of [sspWeights, fallback]) {
    const clamped = candidate.map((w) => Decimal.max(ZERO, w));
    if (clamped.some((w) => w.gt(0))) return decimalWeights(clamped);
  }
  return sspWeights.map(() => 1n);
}

/**
 * Revenue plan at contract inception (ASC 606-10-32-28..31): the contract's total value allocated
 * over its lines by relative SSP (largest remainder), each line spread by month.
 */
export function planAtInception(
  contract: ContractView,
  unitSsps: ReadonlyMap<string, Decimal>,
  options: PlanOptions,
): ContractRevenuePlan {
  const minorUnits = minorUnitsOf(contract.currency);
  const price = toMinorUnits(parseDecimal(contract.totalValue), minorUnits, options.roundingMode);
  if (contract.lines.length === 0) return { transactionPrice: price, lines: [] };
  const weights = allocationWeights(
    contract.lines.map((line) =>
      (unitSsps.get(line.id) ?? ZERO).times(unitsOf(line.netTotal, line.netUnitPrice, line.quantity)),
    ),
    contract.lines.map((line) => parseDecimal(line.netTotal)),
  );
  const allocated = allocateByWeights(price, weights);
  return {
    transactionPrice: price,
    lines: contract.lines.map((line, index) => {
      const amount = allocated[index] ?? 0n;
      return {
        lineId: line.id,
        allocated: amount,
        rows: scheduleLine(lineSpec(line), amount, options.method, options.roundingMode),
      };
    }),
  };
}

/** The part of a line's SSP still to be delivered from `cutoff` on (units x unit SSP). */
function remainingSspWeight(line: ContractLineView, unitSsp: Decimal, cutoff: CivilDate): Decimal {
  const cutoffDay = dayNumber(cutoff);
  if (line.kind === 'one-time') {
    return dayNumber(parseIsoDate(line.startDate)) >= cutoffDay
      ? unitSsp.times(unitsOf(line.netTotal, line.netUnitPrice, line.quantity))
      : ZERO;
  }
  const remainingShare = (startText: string, endText: string): Decimal => {
    const start = parseIsoDate(startText);
    const end = parseIsoDate(endText);
    const total = daysInclusive(start, end);
    const from = dayNumber(start) >= cutoffDay ? start : cutoff;
    return total === 0 ? ZERO : new Decimal(daysInclusive(from, end)).div(total);
  };
  const segments =
    line.segments.length > 0
      ? line.segments
      : [
          {
            quantity: line.quantity,
            startDate: line.startDate,
            endDate: line.endDate,
            netAmount: line.netTotal,
            netUnitPrice: line.netUnitPrice,
          },
        ];
  let units = ZERO;
  for (const segment of segments) {
    units = units.plus(
      unitsOf(segment.netAmount, segment.netUnitPrice, segment.quantity).times(
        remainingShare(segment.startDate, segment.endDate),
      ),
    );
  }
  return Decimal.max(ZERO, unitSsp.times(units));
}

/**
 * A contract modification accounted for prospectively (ASC 606-10-25-13(b), IFRS 15.21(a)): revenue
 * recognised in months before `cutoffPeriod` stays as it is; the consideration not yet recognised
 * (the new total value minus those frozen months, i.e. the unrecognised amount plus the change) is
 * allocated over the obligations still to be delivered by their remaining SSP and spread over each
 * line's months from the cutoff on. With nothing left to deliver it is recognised in the cutoff month.
 */
export function planModification(
  contract: ContractView,
  unitSsps: ReadonlyMap<string, Decimal>,
  frozen: ReadonlyMap<string, bigint>,
  cutoffPeriod: string,
  options: PlanOptions,
): ContractRevenuePlan {
  const minorUnits = minorUnitsOf(contract.currency);
  const price = toMinorUnits(parseDecimal(contract.totalValue), minorUnits, options.roundingMode);
  const frozenTotal = [...frozen.values()].reduce((sum, amount) => sum + amount, 0n);
  const remaining = price - frozenTotal;
  if (contract.lines.length === 0) return { transactionPrice: price, lines: [] };
  const cutoff = parseIsoDate(`${cutoffPeriod}-01`);
  const remainingWeights = contract.lines.map((line) =>
    remainingSspWeight(line, unitSsps.get(line.id) ?? ZERO, cutoff),
  );
  const nothingLeft = remainingWeights.every((w) => w.isZero());
  const weights = nothingLeft
    ? allocationWeights(
        contract.lines.map((line) => unitSsps.get(line.id) ?? ZERO),
        contract.lines.map((line) => parseDecimal(line.netTotal)),
      )
    : decimalWeights(remainingWeights);
  const shares = allocateByWeights(remaining, weights);
  return {
    transactionPrice: price,
    lines: contract.lines.map((line, index) => {
      const share = shares[index] ?? 0n;
      const past = frozen.get(line.id) ?? 0n;
      let rows: PeriodAmount[];
      const endsBeforeCutoff = dayNumber(parseIsoDate(line.endDate)) < dayNumber(cutoff);
      if (nothingLeft || remainingWeights[index]?.isZero() || endsBeforeCutoff) {
        // Nothing of this line is left to deliver: whatever share it has is a catch-up in the cutoff month.
        rows = share === 0n ? [] : [{ period: cutoffPeriod, minor: share }];
      } else if (line.kind === 'one-time') {
        rows = scheduleLine(lineSpec(line), share, options.method, options.roundingMode);
      } else {
        const start = parseIsoDate(line.startDate);
        const from = dayNumber(start) >= dayNumber(cutoff) ? line.startDate : formatIsoDate(cutoff);
        rows = scheduleLine(
          { recognition: 'ratable', startDate: from, endDate: line.endDate },
          share,
          options.method,
          options.roundingMode,
        );
      }
      return { lineId: line.id, allocated: past + share, rows };
    }),
  };
}
