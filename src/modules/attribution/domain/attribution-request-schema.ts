import { z } from 'zod';
import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { CurrencyCode, NonNegativeDecimalString, PositiveDecimalString } from '../../../kernel/money/money-schemas.ts';
import { Decimal } from '../../../kernel/money/money.ts';

/** HubSpot's attribution model names (HubSpot Knowledge Base, "Understand attribution reporting models"). */
export const ATTRIBUTION_MODELS = [
  'first-interaction',
  'last-interaction',
  'linear',
  'u-shaped',
  'w-shaped',
  'full-path',
  'time-decay',
  'j-shaped',
  'inverse-j-shaped',
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

const Id = z.string().min(1).max(200);
const Instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with offset, e.g. 2026-01-02T09:00:00Z',
});

const Touchpoint = z.strictObject({
  id: Id,
  occurredAt: Instant,
  campaign: z.string().min(1).max(500),
  channel: z.string().min(1).max(100).optional(),
  contactId: Id.optional(),
});

const Amounts = z.strictObject({
  quoted: NonNegativeDecimalString.optional(),
  contracted: NonNegativeDecimalString.optional(),
  invoiced: NonNegativeDecimalString.optional(),
  collected: NonNegativeDecimalString.optional(),
});

export const AMOUNT_STAGES = ['quoted', 'contracted', 'invoiced', 'collected'] as const;
export type AmountStage = (typeof AMOUNT_STAGES)[number];

const Deal = z
  .strictObject({
    id: Id,
    currency: CurrencyCode,
    amounts: Amounts,
    contactCreatedAt: Instant.optional(),
    dealCreatedAt: Instant.optional(),
    closedWonAt: Instant.optional(),
    touchpoints: z.array(Touchpoint).max(10_000),
  })
  .superRefine((deal, ctx) => {
    // An amount must be a whole number of the currency's minor units: split parts are minor units.
    const unit = new Decimal(10).pow(-minorUnitsOf(deal.currency));
    for (const stage of AMOUNT_STAGES) {
      const amount = deal.amounts[stage];
      if (amount !== undefined && !new Decimal(amount).div(unit).isInteger()) {
        ctx.addIssue({
          code: 'custom',
          path: ['amounts', stage],
          message: `has more decimals than ${deal.currency} has minor units`,
        });
      }
    }
    const seen = new Set<string>();
    deal.touchpoints.forEach((touch, index) => {
      if (seen.has(touch.id))
        ctx.addIssue({ code: 'custom', path: ['touchpoints', index, 'id'], message: 'duplicate touchpoint id' });
      seen.add(touch.id);
    });
  });

/** The `cpq attribute` request (public contract; strict: unknown fields are invalid input). */
export const AttributionRequestSchema = z
  .strictObject({
    model: z.enum(ATTRIBUTION_MODELS),
    /** Time decay only: a touch this many days before closed-won counts half as much. Default 7. */
    halfLifeDays: PositiveDecimalString.optional(),
    deals: z.array(Deal).max(1_000_000),
  })
  .superRefine((request, ctx) => {
    const seen = new Set<string>();
    request.deals.forEach((deal, index) => {
      if (seen.has(deal.id))
        ctx.addIssue({ code: 'custom', path: ['deals', index, 'id'], message: 'duplicate deal id' });
      seen.add(deal.id);
    });
  });

export type AttributionRequest = z.infer<typeof AttributionRequestSchema>;
export type AttributionDeal = AttributionRequest['deals'][number];
export type AttributionTouchpoint = AttributionDeal['touchpoints'][number];
