import {
  addDays,
  compareDates,
  daysInclusive,
  formatIsoDate,
  parseIsoDate,
  type CivilDate,
} from '../../../kernel/calendar/calendar-date.ts';
import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { Decimal, formatDecimal, ONE, parseDecimal, ZERO } from '../../../kernel/money/money.ts';
import { formatMoney, roundToMinorUnits, type RoundingMode } from '../../../kernel/money/rounding.ts';
import { billingPeriods } from './billing-periods.ts';
import type { BillingScheduleResponse, CreditNoteLineOut, ScheduledInvoiceOut } from './billing-schedule-response.ts';
import type { BillingScheduleLineInput, BillingScheduleRequest, BillingSettings } from './billing-schedule-schema.ts';
import { installmentsFor } from './payment-terms.ts';

/** One invoice line before grouping: what a line bills on one date. */
export interface BilledItem {
  lineIndex: number;
  lineId: string;
  sku: string | null;
  quantity: string;
  invoiceDate: CivilDate;
  periodStart: CivilDate;
  periodEnd: CivilDate;
  factor: Decimal;
  amount: Decimal;
}

export interface CreditItem {
  lineIndex: number;
  lineId: string;
  sku: string | null;
  quantity: string;
  periodStart: CivilDate;
  periodEnd: CivilDate;
  amount: Decimal;
}

interface Rounding {
  minorUnits: number;
  mode: RoundingMode;
}

/**
 * What one line bills and credits. A period's amount is unitPrice x quantity x (period months /
 * pricePeriodMonths) x its proration factor, rounded to the currency. When the line's whole
 * schedule is billed, its last period takes the rounding difference so the line's invoices sum
 * exactly to its total rounded once (the rule ERPNext uses for its schedules); every other amount is
 * rounded on its own.
 *
 * Cancellation (`effective` = first day no longer served): nothing is invoiced on or after it,
 * except, in arrears, one invoice dated that day for the served part of the last period (prorated
 * like any partial period). In advance, each billed period running past it is credited for its
 * unused days: unused days / days in that billed period x its billed amount.
 */
export function lineSchedule(
  line: BillingScheduleLineInput,
  lineIndex: number,
  billing: BillingSettings,
  effective: CivilDate | null,
  rounding: Rounding,
): { billed: BilledItem[]; credits: CreditItem[] } {
  const round = (value: Decimal): Decimal => roundToMinorUnits(value, rounding.minorUnits, rounding.mode);
  const start = parseIsoDate(line.startDate);
  const base = {
    lineIndex,
    lineId: line.id,
    sku: line.sku ?? null,
    quantity: formatDecimal(parseDecimal(line.quantity)),
  };
  const unitTotal = parseDecimal(line.unitPrice).times(parseDecimal(line.quantity));

  if (line.type === 'one-time' || line.endDate === undefined || line.pricePeriodMonths === undefined) {
    if (effective !== null && compareDates(start, effective) >= 0) return { billed: [], credits: [] };
    const item = { ...base, invoiceDate: start, periodStart: start, periodEnd: start, factor: ONE };
    return { billed: [{ ...item, amount: round(unitTotal) }], credits: [] };
  }

  const end = parseIsoDate(line.endDate);
  const pricePeriod = parseDecimal(line.pricePeriodMonths);
  const billed: BilledItem[] = [];
  const exact: Decimal[] = [];
  let cut = false;
  for (const period of billingPeriods(start, end, billing.frequency, billing.anchor)) {
    const fullAmount = unitTotal.times(period.fullMonths).div(pricePeriod);
    const invoiceDate = billing.timing === 'advance' ? period.start : addDays(period.end, 1);
    let item: Omit<BilledItem, 'amount'> = {
      ...base,
      invoiceDate,
      periodStart: period.start,
      periodEnd: period.end,
      factor: period.factor,
    };
    if (effective !== null && compareDates(invoiceDate, effective) >= 0) {
      cut = true;
      if (billing.timing === 'advance' || compareDates(period.start, effective) >= 0) continue;
      // Arrears: bill the served part of the period the cancellation cuts, on the effective date.
      const servedEnd = addDays(effective, -1);
      const servedDays = daysInclusive(period.start, servedEnd);
      const factor = servedDays === period.fullDays ? ONE : new Decimal(servedDays).div(period.fullDays);
      item = { ...item, invoiceDate: effective, periodEnd: servedEnd, factor };
      if (compareDates(addDays(period.end, 1), effective) === 0) cut = false;
    }
    const value = fullAmount.times(item.factor);
    exact.push(value);
    billed.push({ ...item, amount: round(value) });
  }

  const last = billed[billed.length - 1];
  if (!cut && last !== undefined) {
    const total = round(exact.reduce((sum, value) => sum.plus(value), ZERO));
    const others = billed.slice(0, -1).reduce((sum, entry) => sum.plus(entry.amount), ZERO);
    last.amount = total.minus(others);
  }

  const credits: CreditItem[] = [];
  if (effective !== null && billing.timing === 'advance') {
    for (const entry of billed) {
      if (compareDates(entry.periodEnd, effective) < 0) continue;
      const unused = new Decimal(daysInclusive(effective, entry.periodEnd));
      const days = daysInclusive(entry.periodStart, entry.periodEnd);
      credits.push({
        ...base,
        periodStart: effective,
        periodEnd: entry.periodEnd,
        amount: round(entry.amount.times(unused).div(days)),
      });
    }
  }
  return { billed, credits };
}

/**
 * `cpq billing-schedule`: the invoices (and the cancellation credit note) of a set of lines under
 * one billing setting. Lines billing on the same date share one invoice; invoices are numbered in
 * date order; each invoice's total is the sum of its rounded lines and is split into installments.
 */
export function computeBillingSchedule(request: BillingScheduleRequest): BillingScheduleResponse {
  const minorUnits = minorUnitsOf(request.currency);
  const rounding: Rounding = { minorUnits, mode: request.roundingMode };
  const money = (value: Decimal): string => formatMoney(value, minorUnits, request.roundingMode);
  const effective = request.cancellation ? parseIsoDate(request.cancellation.effectiveDate) : null;

  const byDate = new Map<string, BilledItem[]>();
  const credits: CreditItem[] = [];
  request.lines.forEach((line, index) => {
    const result = lineSchedule(line, index, request.billing, effective, rounding);
    for (const item of result.billed) {
      const key = formatIsoDate(item.invoiceDate);
      const items = byDate.get(key);
      if (items) items.push(item);
      else byDate.set(key, [item]);
    }
    credits.push(...result.credits);
  });

  let invoiced = ZERO;
  const invoices: ScheduledInvoiceOut[] = [...byDate.keys()].sort().map((date, index) => {
    const items = (byDate.get(date) ?? []).sort(
      (a, b) => a.lineIndex - b.lineIndex || compareDates(a.periodStart, b.periodStart),
    );
    const total = items.reduce((sum, item) => sum.plus(item.amount), ZERO);
    invoiced = invoiced.plus(total);
    const installments = installmentsFor(total, parseIsoDate(date), request.billing.paymentTerms, minorUnits);
    const lastDue = installments[installments.length - 1]?.dueDate ?? parseIsoDate(date);
    return {
      sequence: index + 1,
      invoiceDate: date,
      dueDate: formatIsoDate(lastDue),
      lines: items.map((item) => ({
        lineId: item.lineId,
        sku: item.sku,
        periodStart: formatIsoDate(item.periodStart),
        periodEnd: formatIsoDate(item.periodEnd),
        quantity: item.quantity,
        prorationFactor: formatDecimal(item.factor),
        amount: money(item.amount),
      })),
      total: money(total),
      installments: installments.map((part) => ({
        dueDate: formatIsoDate(part.dueDate),
        amount: money(part.amount),
        percent: formatDecimal(part.percent),
      })),
    };
  });

  const creditLines: CreditNoteLineOut[] = credits.map((credit) => ({
    lineId: credit.lineId,
    sku: credit.sku,
    periodStart: formatIsoDate(credit.periodStart),
    periodEnd: formatIsoDate(credit.periodEnd),
    quantity: credit.quantity,
    amount: money(credit.amount),
  }));
  const credited = credits.reduce((sum, credit) => sum.plus(credit.amount), ZERO);
  const creditNotes =
    effective !== null && creditLines.length > 0
      ? [{ date: formatIsoDate(effective), lines: creditLines, total: money(credited) }]
      : [];
  return {
    currency: request.currency,
    invoices,
    creditNotes,
    totals: { invoiced: money(invoiced), credited: money(credited), net: money(invoiced.minus(credited)) },
  };
}
