import { z } from 'zod';
import { Decimal } from '../../../kernel/money/money.ts';
import {
  DecimalString,
  PositiveDecimalString,
  NonNegativeDecimalString,
  DiscountPercentString,
  CurrencyCode,
  CurrencyAmounts,
  IsoDate,
} from '../../../kernel/money/money-schemas.ts';

export {
  DecimalString,
  PositiveDecimalString,
  NonNegativeDecimalString,
  DiscountPercentString,
  CurrencyCode,
  CurrencyAmounts,
  IsoDate,
};

/**
 * Building blocks of the pricing JSON contract (docs/pricing.md: "Decimals are JSON strings; any
 * exact decimal string is accepted on input"). The strings stay strings in the parsed request; the
 * engine turns them into Decimals once per quote.
 */
export const ProrationPrecision = z.enum(['day', 'month', 'monthly+daily']);

/**
 * A term: either `months`, or inclusive `startDate`..`endDate` with an optional proration precision
 * (docs/pricing.md "How a quote is priced" (term proration)). End before start is an invalid request, reported at `endDate`.
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

/** Tier bounds: lower inclusive, upper exclusive, null/absent upper = unbounded (docs/pricing.md "How a quote is priced"). */
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
