import {
  addDays,
  compareDates,
  daysInclusive,
  formatIsoDate,
  parseIsoDate,
  type CivilDate,
} from '../../../kernel/calendar/calendar-date.ts';
import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { Decimal, formatDecimal, parseDecimal, ZERO } from '../../../kernel/money/money.ts';
import { formatMoney, roundToMinorUnits, type RoundingMode } from '../../../kernel/money/rounding.ts';
import type { ContractView } from '../../contracts/index.ts';
import { lineSchedule, type BilledItem } from './billing-schedule.ts';
import type { BillingScheduleLineInput, BillingSettings } from './billing-schedule-schema.ts';
import type { CreditLineRecord, InstallmentRecord, InvoiceLineRecord } from './invoice-records.ts';
import { installmentsFor } from './payment-terms.ts';

export interface PlannedInvoice {
  invoiceDate: string;
  dueDate: string;
  total: string;
  lines: InvoiceLineRecord[];
  installments: InstallmentRecord[];
}

export interface ContractBillingPlan {
  invoices: PlannedInvoice[];
  /** Unused days of issued periods past the cancellation date; null without cancellation or nothing to credit. */
  cancellationCredit: { date: string; lines: CreditLineRecord[]; total: string } | null;
}

export interface PlanInput {
  contract: ContractView;
  billing: BillingSettings;
  roundingMode: RoundingMode;
  /** First day no longer served, when the contract is cancelled. */
  cancellationEffectiveDate: string | null;
  /** Lines of the contract's issued (not voided) invoices: what is billed already. */
  issuedLines: readonly InvoiceLineRecord[];
  /** Date of the contract's latest issued invoice (null: none yet). */
  lastIssuedDate: string | null;
  /** The day the plan is built (a delta with nowhere else to go is billed on it). */
  today: string;
}

interface Segment {
  lineId: string;
  segmentId: string;
  kind: 'recurring' | 'one-time';
  sku: string;
  input: BillingScheduleLineInput;
  origin: CivilDate;
  /** A segment added by an amendment (it starts after its subscription). */
  amendment: boolean;
}

/** Each subscription segment bills on its subscription's dates; a one-time line once on its date. */
function segmentsOf(contract: ContractView): Segment[] {
  return contract.lines.flatMap((line): Segment[] => {
    const origin = parseIsoDate(line.startDate);
    if (line.kind === 'one-time') {
      const input: BillingScheduleLineInput = {
        id: line.id,
        type: 'one-time',
        startDate: line.startDate,
        quantity: line.quantity,
        unitPrice: line.netUnitPrice,
      };
      return [
        { lineId: line.id, segmentId: line.id, kind: 'one-time', sku: line.sku, input, origin, amendment: false },
      ];
    }
    return line.segments.map((segment) => ({
      lineId: line.id,
      segmentId: segment.id,
      kind: 'recurring',
      sku: line.sku,
      origin,
      amendment: segment.startDate > line.startDate,
      input: {
        id: segment.id,
        type: 'recurring',
        startDate: segment.startDate,
        endDate: segment.endDate,
        quantity: segment.quantity,
        unitPrice: segment.netUnitPrice,
        pricePeriodMonths: line.termMonths ?? '12',
      },
    }));
  });
}

const itemKey = (segmentId: string, periodStart: string): string => `${segmentId}|${periodStart}`;

/**
 * A contract's invoice plan from its current state (ContractView) and what was already issued.
 * Periods already on an issued invoice are not billed again. An amendment's prorated delta for a
 * period already under way (its first, partial period) and any period whose date has already been
 * invoiced go onto the next planned invoice, the way Salesforce Billing bills a mid-period change on
 * the next billing date; with no later invoice they are billed on `today`. A cancellation credits the issued periods' unused days
 * (unused days / days of the billed period x its amount), as the `cpq billing-schedule` rule.
 */
export function planContractBilling(input: PlanInput): ContractBillingPlan {
  const { contract, billing } = input;
  const minorUnits = minorUnitsOf(contract.currency);
  const rounding = { minorUnits, mode: input.roundingMode };
  const round = (value: Decimal): Decimal => roundToMinorUnits(value, minorUnits, input.roundingMode);
  const money = (value: Decimal): string => formatMoney(value, minorUnits, input.roundingMode);
  const effective = input.cancellationEffectiveDate ? parseIsoDate(input.cancellationEffectiveDate) : null;
  const issued = new Set(input.issuedLines.map((line) => itemKey(line.segmentId, line.periodStart)));

  const pending: Array<{ item: BilledItem; segment: Segment; natural: string; deferred: boolean }> = [];
  const lastIssued = input.lastIssuedDate;
  segmentsOf(contract).forEach((segment, index) => {
    const { billed } = lineSchedule(segment.input, index, billing, effective, rounding, segment.origin);
    billed.forEach((item, position) => {
      if (issued.has(itemKey(segment.segmentId, formatIsoDate(item.periodStart)))) return;
      const natural = formatIsoDate(item.invoiceDate);
      // An amendment's first, partial period in advance: its cycle is already billed or about to be.
      const amendmentLead = segment.amendment && position === 0 && !item.factor.eq(1) && billing.timing === 'advance';
      const deferred = amendmentLead || (lastIssued !== null && natural <= lastIssued);
      pending.push({ item, segment, natural, deferred });
    });
  });

  const regularDates = [...new Set(pending.filter((entry) => !entry.deferred).map((entry) => entry.natural))].sort();
  const catchUp =
    lastIssued === null || input.today > lastIssued ? input.today : formatIsoDate(addDays(parseIsoDate(lastIssued), 1));
  const targetDate = (natural: string): string => {
    const after = lastIssued !== null && lastIssued >= natural ? lastIssued : null;
    const next = regularDates.find((date) => date >= natural && (after === null || date > after));
    if (next !== undefined) return next;
    return after === null ? natural : catchUp;
  };

  const byDate = new Map<string, InvoiceLineRecord[]>();
  for (const { item, segment, natural, deferred } of pending) {
    const date = deferred ? targetDate(natural) : natural;
    const record: InvoiceLineRecord = {
      lineId: segment.lineId,
      segmentId: segment.segmentId,
      kind: segment.kind,
      sku: segment.sku,
      periodStart: formatIsoDate(item.periodStart),
      periodEnd: formatIsoDate(item.periodEnd),
      quantity: item.quantity,
      prorationFactor: formatDecimal(item.factor),
      amount: money(item.amount),
    };
    const lines = byDate.get(date);
    if (lines) lines.push(record);
    else byDate.set(date, [record]);
  }

  const invoices = [...byDate.keys()].sort().map((date): PlannedInvoice => {
    const lines = byDate.get(date) ?? [];
    const total = lines.reduce((sum, line) => sum.plus(parseDecimal(line.amount)), ZERO);
    const installments = installmentsFor(total, parseIsoDate(date), billing.paymentTerms, minorUnits);
    const lastDue = installments[installments.length - 1]?.dueDate ?? parseIsoDate(date);
    return {
      invoiceDate: date,
      dueDate: formatIsoDate(lastDue),
      total: money(total),
      lines,
      installments: installments.map((part) => ({
        dueDate: formatIsoDate(part.dueDate),
        amount: money(part.amount),
        percent: formatDecimal(part.percent),
      })),
    };
  });

  let cancellationCredit: ContractBillingPlan['cancellationCredit'] = null;
  if (effective !== null) {
    const lines: CreditLineRecord[] = [];
    for (const line of input.issuedLines) {
      if (line.kind !== 'recurring') continue;
      const start = parseIsoDate(line.periodStart);
      const end = parseIsoDate(line.periodEnd);
      if (compareDates(end, effective) < 0) continue;
      const from = compareDates(start, effective) > 0 ? start : effective;
      const unused = new Decimal(daysInclusive(from, end));
      const amount = round(parseDecimal(line.amount).times(unused).div(daysInclusive(start, end)));
      lines.push({
        lineId: line.lineId,
        segmentId: line.segmentId,
        sku: line.sku,
        periodStart: formatIsoDate(from),
        periodEnd: line.periodEnd,
        quantity: line.quantity,
        amount: money(amount),
      });
    }
    if (lines.length > 0) {
      const total = lines.reduce((sum, line) => sum.plus(parseDecimal(line.amount)), ZERO);
      cancellationCredit = { date: formatIsoDate(effective), lines, total: money(total) };
    }
  }
  return { invoices, cancellationCredit };
}
