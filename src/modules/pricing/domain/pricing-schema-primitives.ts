import { z } from 'zod';
import { CURRENCY_CODES, isCurrencyCode } from '../../../kernel/money/currency-minor-units.ts';
import { DECIMAL_STRING_MAX_LENGTH, DECIMAL_STRING_PATTERN, Decimal } from '../../../kernel/money/money.ts';

/**
 * Building blocks of the pricing JSON contract (public-interfaces: "Decimals are JSON strings; any
 * exact decimal string is accepted on input"). The strings stay strings in the parsed request; the
 * engine turns them into Decimals once per quote.
 */
export const DecimalString = z
  .string()
  .max(DECIMAL_STRING_MAX_LENGTH, { message: 'must be a decimal string of at most 60 characters', abort: true })
  .regex(DECIMAL_STRING_PATTERN, { message: 'must be an exact decimal string such as "30" or "30.00"', abort: true })
  .meta({ id: 'DecimalString', description: 'An exact decimal as a string ("30", "30.00", "-2.5"); no exponent.' });

export const PositiveDecimalString = DecimalString.refine((text) => new Decimal(text).gt(0), 'must be greater than 0');

export const NonNegativeDecimalString = DecimalString.refine(
  (text) => !new Decimal(text).lt(0),
  'must not be negative',
);

/** A discount percent: at most 100 (a 100% discount prices at 0); negative values are surcharges. */
export const DiscountPercentString = DecimalString.refine((text) => new Decimal(text).lte(100), 'must be at most 100');

export const CurrencyCode = z
  .enum(CURRENCY_CODES, { error: (issue) => `unknown ISO 4217 currency code ${JSON.stringify(issue.input)}` })
  .meta({ id: 'CurrencyCode', description: 'An active ISO 4217 code with defined minor units.' });

const CurrencyKey = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .refine(isCurrencyCode);

/** Amounts per currency, `{ "USD": "100", "EUR": "92" }`; a bad code is reported at its own path. */
export const CurrencyAmounts = z
  .record(CurrencyKey, DecimalString, {
    error: (issue) =>
      issue.code === 'invalid_key' ? `unknown ISO 4217 currency code ${JSON.stringify(issue.input)}` : undefined,
  })
  .meta({ id: 'CurrencyAmounts', description: 'Amounts per ISO 4217 currency code, e.g. { "USD": "100" }.' });

export const IsoDate = z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' }).meta({ id: 'IsoDate' });

export const ProrationPrecision = z.enum(['day', 'month', 'monthly+daily']);

/**
 * A term: either `months`, or inclusive `startDate`..`endDate` with an optional proration precision
 * (cpq-semantics §3). End before start is an invalid request, reported at `endDate`.
 */
export const TermSchema = z
  .strictObject({
    months: PositiveDecimalString.optional(),
    startDate: IsoDate.optional(),
    endDate: IsoDate.optional(),
    prorationPrecision: ProrationPrecision.optional(),
  })
  .superRefine((term, ctx) => {
    const hasDates = term.startDate !== undefined || term.endDate !== undefined;
    if (term.months !== undefined && hasDates) {
      ctx.addIssue({ code: 'custom', path: ['months'], message: 'give either months or startDate/endDate, not both' });
      return;
    }
    if (term.months === undefined && !hasDates) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give months or startDate and endDate' });
      return;
    }
    if (hasDates && term.startDate === undefined)
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'required with endDate' });
    if (hasDates && term.endDate === undefined)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'required with startDate' });
    // ISO dates compare correctly as strings.
    if (term.startDate !== undefined && term.endDate !== undefined && term.endDate < term.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'end date is before start date' });
    }
  })
  .meta({
    id: 'Term',
    description: 'Either "months", or inclusive "startDate".."endDate" with an optional prorationPrecision.',
  });

export type TermInput = z.infer<typeof TermSchema>;

/** Tier bounds: lower inclusive, upper exclusive, null/absent upper = unbounded (cpq-semantics §2). */
export interface TierBounds {
  lowerBound: string;
  upperBound?: string | null | undefined;
}

/**
 * Tiers must ascend without overlapping and only the last may be unbounded; otherwise a quantity
 * could fall in two tiers and the price would depend on tier order.
 */
export function checkTierOrder(tiers: readonly TierBounds[], ctx: z.RefinementCtx): void {
  let previousUpper: Decimal | null = null;
  tiers.forEach((tier, index) => {
    const lower = new Decimal(tier.lowerBound);
    const upper = tier.upperBound == null ? null : new Decimal(tier.upperBound);
    if (upper !== null && !upper.gt(lower)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'upperBound'],
        message: 'upperBound must be greater than lowerBound',
      });
    }
    if (index > 0 && (previousUpper === null || lower.lt(previousUpper))) {
      ctx.addIssue({ code: 'custom', path: [index, 'lowerBound'], message: 'tiers must ascend without overlapping' });
    }
    previousUpper = upper;
  });
}
