import { computeBillingSchedule } from '../../src/modules/billing/domain/billing-schedule.ts';
import { BillingScheduleRequestSchema } from '../../src/modules/billing/domain/billing-schedule-schema.ts';
import type { BillingScheduleResponse } from '../../src/modules/billing/domain/billing-schedule-response.ts';

/** A monthly 100.00 seat from 2022-03-15 for a year: the contract's running example. */
export function seatLine(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 's1',
    sku: 'CRM-SEAT',
    type: 'recurring',
    startDate: '2022-03-15',
    endDate: '2023-03-14',
    quantity: '1',
    unitPrice: '100.00',
    pricePeriodMonths: '1',
    ...overrides,
  };
}

export function request(
  billing: Record<string, unknown>,
  lines: Record<string, unknown>[] = [seatLine()],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    currency: 'USD',
    billing: { frequency: 'monthly', timing: 'advance', anchor: { type: 'start' }, ...billing },
    lines,
    ...extra,
  };
}

/** Parses like the CLI/HTTP edge, then computes. */
export function schedule(input: Record<string, unknown>): BillingScheduleResponse {
  return computeBillingSchedule(BillingScheduleRequestSchema.parse(input));
}

/** `[invoiceDate, periodStart, periodEnd, amount]` of every invoice line, in order. */
export function lineRows(response: BillingScheduleResponse): string[][] {
  return response.invoices.flatMap((invoice) =>
    invoice.lines.map((line) => [invoice.invoiceDate, line.periodStart, line.periodEnd, line.amount]),
  );
}
