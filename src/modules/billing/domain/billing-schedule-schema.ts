import { z } from 'zod';
import { compareDates, parseIsoDate } from '../../../kernel/calendar/calendar-date.ts';
import { CurrencyCode, DecimalString, IsoDate, PositiveDecimalString } from '../../../kernel/money/money-schemas.ts';
import { Decimal, ZERO } from '../../../kernel/money/money.ts';

/** Billing frequencies and their period length in months (`upfront` is one period over the whole term). */
export const FREQUENCY_MONTHS = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 } as const;
export const FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual', 'upfront'] as const;
export type BillingFrequency = (typeof FREQUENCIES)[number];

/** Most invoice lines one request may produce (a 100-year monthly term is 1,200): bounds the work. */
export const MAX_SCHEDULE_PERIODS = 50_000;

const DayOfMonth = z.number().int().min(1).max(31);

export const AnchorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({ type: z.literal('day-of-month'), day: DayOfMonth }),
]);

export const InstallmentDueSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('on-invoice') }),
  z.strictObject({ type: z.literal('days-after-invoice'), days: z.number().int().min(0).max(3650) }),
  z.strictObject({ type: z.literal('day-of-following-month'), day: DayOfMonth }),
]);

export const PaymentTermsSchema = z
  .strictObject({
    netDays: z.number().int().min(0).max(3650).optional(),
    installments: z
      .array(z.strictObject({ percent: PositiveDecimalString, due: InstallmentDueSchema }))
      .min(1)
      .max(100)
      .optional(),
  })
  .superRefine((terms, ctx) => {
    if ((terms.netDays === undefined) === (terms.installments === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['netDays'], message: 'give exactly one of netDays or installments' });
      return;
    }
    if (terms.installments) {
      const sum = terms.installments.reduce((acc, part) => acc.plus(new Decimal(part.percent)), ZERO);
      if (!sum.eq(100)) {
        ctx.addIssue({
          code: 'custom',
          path: ['installments'],
          message: `installment percents must sum to 100 (they sum to ${sum.toString()})`,
        });
      }
    }
  });

export const BillingSettingsSchema = z.strictObject({
  frequency: z.enum(FREQUENCIES),
  timing: z.enum(['advance', 'arrears']).default('advance'),
  anchor: AnchorSchema.default({ type: 'start' }),
  paymentTerms: PaymentTermsSchema.default({ netDays: 0 }),
});

const LineSchema = z.strictObject({
  id: z.string().min(1).max(200),
  sku: z.string().min(1).max(200).optional(),
  type: z.enum(['recurring', 'one-time']).default('recurring'),
  startDate: IsoDate,
  endDate: IsoDate.optional(),
  quantity: DecimalString,
  unitPrice: DecimalString,
  pricePeriodMonths: PositiveDecimalString.optional(),
});

/**
 * The request of `cpq billing-schedule` and `POST /api/v1/billing/schedule` (public-interfaces,
 * "cpq billing-schedule"). Strict objects: an unknown field or enum value is invalid input.
 */
export const BillingScheduleRequestSchema = z
  .strictObject({
    currency: CurrencyCode,
    roundingMode: z.enum(['half-up', 'half-even']).default('half-up'),
    billing: BillingSettingsSchema,
    lines: z.array(LineSchema).max(10_000),
    cancellation: z.strictObject({ effectiveDate: IsoDate }).nullable().optional(),
  })
  .superRefine((request, ctx) => {
    const seen = new Set<string>();
    let periods = 0;
    const periodMonths = request.billing.frequency === 'upfront' ? null : FREQUENCY_MONTHS[request.billing.frequency];
    request.lines.forEach((line, index) => {
      const path = ['lines', index];
      if (seen.has(line.id))
        ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate id "${line.id}"` });
      seen.add(line.id);
      if (line.endDate !== undefined && compareDates(parseIsoDate(line.endDate), parseIsoDate(line.startDate)) < 0) {
        ctx.addIssue({ code: 'custom', path: [...path, 'endDate'], message: 'must not be before startDate' });
      }
      if (line.type === 'one-time') {
        periods += 1;
        return;
      }
      if (line.endDate === undefined) {
        ctx.addIssue({ code: 'custom', path: [...path, 'endDate'], message: 'required for a recurring line' });
      }
      if (line.pricePeriodMonths === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'pricePeriodMonths'],
          message: 'required for a recurring line',
        });
      }
      if (line.endDate !== undefined) {
        const start = parseIsoDate(line.startDate);
        const end = parseIsoDate(line.endDate);
        const months = (end.year - start.year) * 12 + (end.month - start.month) + 1;
        periods += periodMonths === null ? 1 : Math.ceil(months / periodMonths) + 1;
      }
    });
    if (periods > MAX_SCHEDULE_PERIODS) {
      ctx.addIssue({
        code: 'custom',
        path: ['lines'],
        message: `the schedule would have about ${periods} billing periods; at most ${MAX_SCHEDULE_PERIODS} are allowed`,
      });
    }
  });

export type BillingScheduleRequest = z.output<typeof BillingScheduleRequestSchema>;
export type BillingSettings = z.output<typeof BillingSettingsSchema>;
export type BillingScheduleLineInput = BillingScheduleRequest['lines'][number];
export type PaymentTerms = z.output<typeof PaymentTermsSchema>;
export type BillingAnchor = z.output<typeof AnchorSchema>;
