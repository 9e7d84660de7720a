import { z } from 'zod';
import {
  DecimalString,
  DiscountPercentString,
  IsoDate,
  NonNegativeDecimalString,
  PositiveDecimalString,
} from '../../../kernel/money/money-schemas.ts';
import { Decimal } from '../../../kernel/money/money.ts';
import { checkPricingParts, flagDuplicateIds, PricingShape } from './contract-pricing-schema-parts.ts';

const SubscriptionSchema = z.strictObject({
  id: z.string().min(1),
  sku: z.string().min(1),
  quantity: NonNegativeDecimalString,
  startDate: IsoDate,
  endDate: IsoDate,
  /** Net unit price per `termMonths`: it already carries every discount of the original quote. */
  netUnitPrice: DecimalString,
  termMonths: PositiveDecimalString,
});

const AmendmentLineSchema = z.strictObject({
  id: z.string().min(1),
  sku: z.string().min(1),
  quantity: PositiveDecimalString,
  /** Added to the public example: a rep may discount a product added by an amendment, as on any quote. */
  additionalDiscount: z
    .strictObject({ percent: DiscountPercentString.optional(), amount: DecimalString.optional() })
    .refine((d) => (d.percent === undefined) !== (d.amount === undefined), 'give exactly one of percent or amount')
    .nullable()
    .optional(),
});

/**
 * `cpq amend` / `POST /api/v1/contracts/amendment/price` (public-interfaces, "cpq amend"). Strict:
 * an unknown field is invalid input. An amendment starting before the contract start or after its
 * end is invalid (Salesforce CPQ help, "Amend Your Contracts": amendments co-terminate with the
 * contract, so they must fall inside it).
 */
export const AmendmentRequestSchema = z
  .strictObject({
    currency: PricingShape.currency,
    catalog: PricingShape.catalog,
    account: PricingShape.account,
    options: PricingShape.options,
    contract: z.strictObject({
      id: z.string().min(1).optional(),
      startDate: IsoDate,
      endDate: IsoDate,
      subscriptions: z.array(SubscriptionSchema),
    }),
    amendment: z.strictObject({
      startDate: IsoDate,
      prorationPrecision: z.enum(['day', 'month', 'monthly+daily']).optional(),
      /** New total quantity per subscription id. */
      quantities: z.record(z.string(), NonNegativeDecimalString).optional(),
      lines: z.array(AmendmentLineSchema).optional(),
    }),
  })
  .superRefine((request, ctx) => {
    checkPricingParts(request, ctx);
    const { contract, amendment } = request;
    if (contract.endDate < contract.startDate)
      ctx.addIssue({ code: 'custom', path: ['contract', 'endDate'], message: 'end date is before start date' });
    contract.subscriptions.forEach((subscription, index) => {
      if (subscription.endDate < subscription.startDate) {
        const path = ['contract', 'subscriptions', index, 'endDate'];
        ctx.addIssue({ code: 'custom', path, message: 'end date is before start date' });
      }
    });
    const subscriptionIds = contract.subscriptions.map((s) => s.id);
    flagDuplicateIds(subscriptionIds, ['contract', 'subscriptions'], 'id', ctx);
    if (amendment.startDate < contract.startDate) {
      const message = `the amendment starts before the contract start ${contract.startDate}`;
      ctx.addIssue({ code: 'custom', path: ['amendment', 'startDate'], message });
    }
    if (amendment.startDate > contract.endDate) {
      const message = `the amendment starts after the contract end ${contract.endDate}`;
      ctx.addIssue({ code: 'custom', path: ['amendment', 'startDate'], message });
    }
    const byId = new Map(contract.subscriptions.map((s) => [s.id, s]));
    for (const [id, quantity] of Object.entries(amendment.quantities ?? {})) {
      const subscription = byId.get(id);
      const path = ['amendment', 'quantities', id];
      if (subscription === undefined)
        ctx.addIssue({ code: 'custom', path, message: `no subscription with id "${id}" in the contract` });
      else if (subscription.endDate < amendment.startDate && !new Decimal(subscription.quantity).eq(quantity)) {
        const message = `subscription "${id}" ended on ${subscription.endDate}, before the amendment starts`;
        ctx.addIssue({ code: 'custom', path, message });
      }
    }
    const lineIds = (amendment.lines ?? []).map((line) => line.id);
    flagDuplicateIds(lineIds, ['amendment', 'lines'], 'id', ctx, new Set(subscriptionIds));
  });

export type AmendmentRequest = z.infer<typeof AmendmentRequestSchema>;
export type AmendmentSubscription = AmendmentRequest['contract']['subscriptions'][number];
