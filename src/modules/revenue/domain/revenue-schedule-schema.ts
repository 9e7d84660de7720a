import { z } from 'zod';
import { dayNumber, parseIsoDate } from '../../../kernel/calendar/calendar-date.ts';
import { parseDecimal } from '../../../kernel/money/money.ts';
import { CurrencyCode, DecimalString, IsoDate, NonNegativeDecimalString } from '../../../kernel/money/money-schemas.ts';

/** Longest accepted service period: 100 years of months keeps one request's schedule bounded. */
export const MAX_SERVICE_DAYS = 36_525;
/** Most lines in one request (a 100,000-line contract fits). */
export const MAX_LINES = 200_000;

const RevenueLineSchema = z.strictObject({
  id: z.string().min(1).max(200),
  sku: z.string().min(1).max(200).optional(),
  /** The line's own price; replaced by its allocation when the request has a transactionPrice. */
  amount: DecimalString,
  standaloneSellingPrice: NonNegativeDecimalString.optional(),
  recognition: z.enum(['ratable', 'point-in-time']),
  /** Ratable lines: the inclusive service period. */
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
  /** Point-in-time lines: the day control passes (ASC 606-10-25-30). */
  deliveryDate: IsoDate.optional(),
});

/**
 * `cpq revenue-schedule` request (contracts/public-interfaces.md, "cpq revenue-schedule"). Strict:
 * unknown fields and enum values are invalid. A ratable line needs startDate <= endDate, a
 * point-in-time line a deliveryDate; a transactionPrice needs every line's standaloneSellingPrice
 * and SSPs that are not all zero. Dates a line's recognition does not use are ignored.
 */
export const RevenueScheduleRequestSchema = z
  .strictObject({
    currency: CurrencyCode,
    roundingMode: z.enum(['half-up', 'half-even']).default('half-up'),
    method: z.enum(['daily', 'monthly']).default('daily'),
    transactionPrice: DecimalString.optional(),
    lines: z.array(RevenueLineSchema).min(1).max(MAX_LINES),
  })
  .superRefine((request, ctx) => {
    const seen = new Set<string>();
    let anySsp = false;
    let allSsps = true;
    request.lines.forEach((line, index) => {
      const issue = (field: string, message: string): void => {
        ctx.addIssue({ code: 'custom', path: ['lines', index, field], message });
      };
      if (seen.has(line.id)) issue('id', `duplicate line id ${JSON.stringify(line.id)}`);
      seen.add(line.id);
      if (line.recognition === 'ratable') {
        if (line.startDate === undefined) issue('startDate', 'required for recognition "ratable"');
        if (line.endDate === undefined) issue('endDate', 'required for recognition "ratable"');
        if (line.startDate !== undefined && line.endDate !== undefined) {
          const days = dayNumber(parseIsoDate(line.endDate)) - dayNumber(parseIsoDate(line.startDate)) + 1;
          if (days < 1) issue('endDate', 'must not be before startDate');
          else if (days > MAX_SERVICE_DAYS) issue('endDate', `service period must be at most ${MAX_SERVICE_DAYS} days`);
        }
      } else if (line.deliveryDate === undefined) issue('deliveryDate', 'required for recognition "point-in-time"');
      if (request.transactionPrice !== undefined) {
        if (line.standaloneSellingPrice === undefined) {
          issue('standaloneSellingPrice', 'required with transactionPrice');
          allSsps = false;
        } else if (!parseDecimal(line.standaloneSellingPrice).isZero()) anySsp = true;
      }
    });
    if (request.transactionPrice !== undefined && allSsps && !anySsp) {
      ctx.addIssue({
        code: 'custom',
        path: ['lines'],
        message: 'standalone selling prices must not all be zero when a transactionPrice is allocated',
      });
    }
  });

export type RevenueScheduleRequest = z.output<typeof RevenueScheduleRequestSchema>;
export type RevenueLineInput = RevenueScheduleRequest['lines'][number];

export interface RevenueScheduleResponse {
  currency: string;
  total: string;
  allocations: Array<{ lineId: string; allocated: string }>;
  schedule: Array<{ lineId: string; period: string; amount: string }>;
  byPeriod: Array<{ period: string; amount: string }>;
}
