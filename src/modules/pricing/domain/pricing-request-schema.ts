import { z } from 'zod';
import {
  checkTierOrder,
  CurrencyAmounts,
  CurrencyCode,
  DecimalString,
  DiscountPercentString,
  IsoDate,
  NonNegativeDecimalString,
  PositiveDecimalString,
  TermSchema,
} from './pricing-schema-primitives.ts';
import { SkuText, safeText } from '../../../kernel/text/safe-text.ts';

export type { PricingResponse } from './pricing-response-schema.ts';

/** Names, categories and ids are outside text: bounded, no NUL, no lone surrogate. */
const Name = safeText({ max: 500 });
const Id = safeText({ min: 1, max: 200 });

/** docs/pricing.md "How a quote is priced" "Block: at most 50 tiers". */
export const MAX_BLOCK_TIERS = 50;

const BlockTier = z.strictObject({
  lowerBound: NonNegativeDecimalString,
  upperBound: DecimalString.nullable().optional(),
  price: CurrencyAmounts,
});

const ProductSchema = z
  .strictObject({
    sku: SkuText,
    name: Name.optional(),
    category: Name.optional(),
    prices: CurrencyAmounts.optional(),
    cost: CurrencyAmounts.optional(),
    pricingMethod: z.enum(['list', 'cost-plus', 'block', 'percent-of-total']).optional(),
    markup: z.strictObject({ percent: DecimalString.optional(), amount: CurrencyAmounts.optional() }).optional(),
    blockTiers: z.array(BlockTier).min(1).max(MAX_BLOCK_TIERS).superRefine(checkTierOrder).optional(),
    /** Per-unit price above the top block tier's upper bound; without it that quantity is an error. */
    overageRate: CurrencyAmounts.optional(),
    percentOfTotal: z
      .strictObject({
        percent: DecimalString,
        base: z.enum(['list', 'regular', 'customer', 'net']).optional(),
        categories: z.array(Name).optional(),
        min: CurrencyAmounts.nullable().optional(),
        max: CurrencyAmounts.nullable().optional(),
      })
      .optional(),
    recurring: z.strictObject({ defaultTermMonths: PositiveDecimalString.nullable().optional() }).nullable().optional(),
    discountSchedule: Name.nullable().optional(),
    termDiscountSchedule: Name.nullable().optional(),
  })
  .superRefine((product, ctx) => {
    const need = (field: keyof typeof product, why: string): void => {
      if (product[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
    };
    if (product.pricingMethod === 'cost-plus') {
      need('cost', 'required for pricingMethod "cost-plus"');
      need('markup', 'required for pricingMethod "cost-plus"');
    }
    if (product.pricingMethod === 'block') need('blockTiers', 'required for pricingMethod "block"');
    if (product.pricingMethod === 'percent-of-total')
      need('percentOfTotal', 'required for pricingMethod "percent-of-total"');
    const markup = product.markup;
    if (markup && (markup.percent === undefined) === (markup.amount === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['markup'], message: 'give exactly one of percent or amount' });
    }
  });

const ScheduleTier = z.strictObject({
  lowerBound: NonNegativeDecimalString,
  upperBound: DecimalString.nullable().optional(),
  /** A percent (`"10"`) for unit "percent"; amounts per currency (`{ "USD": "5" }`) for unit "amount". */
  value: z.union([DecimalString, CurrencyAmounts]),
});

const DiscountScheduleSchema = z
  .strictObject({
    id: Id,
    name: Name.optional(),
    type: z.enum(['range', 'slab']),
    unit: z.enum(['percent', 'amount']).optional(),
    aggregation: z.enum(['line', 'quote', 'account']).optional(),
    tiers: z.array(ScheduleTier).min(1).superRefine(checkTierOrder),
  })
  .superRefine((schedule, ctx) => {
    const wantsAmounts = schedule.unit === 'amount';
    schedule.tiers.forEach((tier, index) => {
      if ((typeof tier.value === 'string') === wantsAmounts) {
        const message = wantsAmounts
          ? 'amount tiers take amounts per currency, e.g. { "USD": "5" }'
          : 'percent tiers take a decimal string';
        ctx.addIssue({ code: 'custom', path: ['tiers', index, 'value'], message });
      }
    });
  });

const ContractedPriceSchema = z
  .strictObject({
    sku: SkuText.optional(),
    category: Id.optional(),
    price: CurrencyAmounts.optional(),
    discountPercent: DiscountPercentString.optional(),
    startDate: IsoDate.optional(),
    endDate: IsoDate.optional(),
  })
  .superRefine((entry, ctx) => {
    if ((entry.sku === undefined) === (entry.category === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['sku'], message: 'give exactly one of sku or category' });
    }
    if ((entry.price === undefined) === (entry.discountPercent === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['price'], message: 'give exactly one of price or discountPercent' });
    }
  });

const LineSchema = z.strictObject({
  id: Id,
  sku: SkuText,
  quantity: DecimalString,
  additionalDiscount: z
    .strictObject({ percent: DiscountPercentString.optional(), amount: DecimalString.optional() })
    .refine(
      (discount) => (discount.percent === undefined) !== (discount.amount === undefined),
      'give exactly one of percent or amount',
    )
    .nullable()
    .optional(),
  term: TermSchema.optional(),
  /** Bundles (docs/configuration.md): the line of the bundle or option this option belongs to. */
  parentLineId: z.string().min(1).optional(),
  /** An option included in its bundle's price: priced at zero, the trace says so. */
  bundled: z.boolean().optional(),
  /** The bundle's option discount for this option, applied before proration. */
  optionDiscountPercent: DiscountPercentString.optional(),
});

/**
 * The pricing request of `cpq price` and `POST /api/v1/pricing/calculate` (docs/pricing.md,
 * "Pricing request"). Objects are strict: a misspelt optional field (say `additonalDiscount`) would
 * otherwise be ignored silently and the quote priced without the rep's discount.
 */
export const PricingRequestSchema = z
  .strictObject({
    currency: CurrencyCode,
    pricingDate: IsoDate.optional(),
    options: z
      .strictObject({
        applyAdditionalDiscountLast: z.boolean().optional(),
        channelDiscountsOffList: z.boolean().optional(),
        roundingMode: z.enum(['half-up', 'half-even']).optional(),
      })
      .optional(),
    term: TermSchema.optional(),
    catalog: z.strictObject({
      products: z.array(ProductSchema),
      discountSchedules: z.array(DiscountScheduleSchema).optional(),
    }),
    account: z
      .strictObject({
        contractedPrices: z.array(ContractedPriceSchema).optional(),
        partnerDiscountPercent: DiscountPercentString.nullable().optional(),
        distributorDiscountPercent: DiscountPercentString.nullable().optional(),
        priorQuantities: z.record(SkuText, DecimalString).optional(),
      })
      .optional(),
    lines: z.array(LineSchema),
  })
  .superRefine((request, ctx) => {
    flagDuplicates(
      request.catalog.products.map((p) => p.sku),
      ['catalog', 'products'],
      'sku',
      ctx,
    );
    const schedules = request.catalog.discountSchedules ?? [];
    flagDuplicates(
      schedules.map((s) => s.id),
      ['catalog', 'discountSchedules'],
      'id',
      ctx,
    );
    const lineIds = new Set(request.lines.map((l) => l.id));
    request.lines.forEach((line, index) => {
      if (line.parentLineId !== undefined && (!lineIds.has(line.parentLineId) || line.parentLineId === line.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, 'parentLineId'],
          message: 'must be the id of another line of the request',
        });
      }
    });
    flagDuplicates(
      request.lines.map((l) => l.id),
      ['lines'],
      'id',
      ctx,
    );
    const typeById = new Map(schedules.map((s) => [s.id, s.type]));
    request.catalog.products.forEach((product, index) => {
      const path = ['catalog', 'products', index];
      if (product.discountSchedule != null && !typeById.has(product.discountSchedule)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'discountSchedule'],
          message: `no discount schedule with id "${product.discountSchedule}"`,
        });
      }
      const termId = product.termDiscountSchedule;
      if (termId != null && typeById.get(termId) !== 'range') {
        // docs/pricing.md "How a quote is priced": "a term schedule is range-only".
        const message = typeById.has(termId)
          ? 'a term discount schedule must be of type "range"'
          : `no discount schedule with id "${termId}"`;
        ctx.addIssue({ code: 'custom', path: [...path, 'termDiscountSchedule'], message });
      }
    });
  });

function flagDuplicates(
  values: readonly string[],
  path: (string | number)[],
  field: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value))
      ctx.addIssue({ code: 'custom', path: [...path, index, field], message: `duplicate ${field} "${value}"` });
    seen.add(value);
  });
}

export type PricingRequest = z.infer<typeof PricingRequestSchema>;
export type CatalogProduct = PricingRequest['catalog']['products'][number];
export type DiscountScheduleInput = NonNullable<PricingRequest['catalog']['discountSchedules']>[number];
export type PricingLineInput = PricingRequest['lines'][number];
export type ContractedPriceInput = NonNullable<NonNullable<PricingRequest['account']>['contractedPrices']>[number];
