import { z } from 'zod';
import { addMonths, formatIsoDate, parseIsoDate, addDaysIso, addDays } from '../../../kernel/calendar/calendar-date.ts';
import {
  DecimalString,
  IsoDate,
  NonNegativeDecimalString,
  PositiveDecimalString,
} from '../../../kernel/money/money-schemas.ts';
import { checkPricingParts, flagDuplicateIds, PricingShape } from './contract-pricing-schema-parts.ts';

/** Renewal terms are whole months: the renewal's end date is its start + N months - 1 day. */
const WholeMonths = PositiveDecimalString.refine(
  (text) => /^\+?\d+(\.0*)?$/.test(text),
  'must be a whole number of months',
);

const RenewalSubscriptionSchema = z.strictObject({
  id: z.string().min(1),
  sku: z.string().min(1),
  quantity: NonNegativeDecimalString,
  /** Reported as given on `same` and `uplift` renewals; defaults to the customer unit price. */
  listUnitPrice: DecimalString.optional(),
  /** Per `termMonths`; required for `same` and `uplift`. */
  customerUnitPrice: DecimalString.optional(),
  termMonths: PositiveDecimalString,
  /** Beats the contract's uplift (Salesforce CPQ help, "Contract Renewal and Uplift"). */
  upliftPercent: DecimalString.nullable().optional(),
});

const RenewalContractSchema = z.strictObject({
  id: z.string().min(1),
  endDate: IsoDate,
  renewalGroup: z.string().min(1).nullable().optional(),
  /** Salesforce's account "Renewal Pricing Method"; its default there is `same`. */
  renewalPricing: z.enum(['same', 'list', 'uplift']).optional(),
  upliftPercent: DecimalString.nullable().optional(),
  subscriptions: z.array(RenewalSubscriptionSchema),
});

/**
 * `cpq renew` / `POST /api/v1/contracts/renewal/price` (public-interfaces, "cpq renew"). Strict:
 * an unknown field or enum value is invalid input.
 */
export const RenewalRequestSchema = z
  .strictObject({
    currency: PricingShape.currency,
    catalog: PricingShape.catalog,
    account: PricingShape.account,
    options: PricingShape.options,
    renewalTermMonths: WholeMonths,
    contracts: z.array(RenewalContractSchema).min(1),
  })
  .superRefine((request, ctx) => {
    checkPricingParts(request, ctx);
    flagDuplicateIds(
      request.contracts.map((c) => c.id),
      ['contracts'],
      'id',
      ctx,
    );
    request.contracts.forEach((contract, index) => {
      if ((contract.renewalPricing ?? 'same') === 'list') return;
      contract.subscriptions.forEach((subscription, subIndex) => {
        if (subscription.customerUnitPrice !== undefined) return;
        const path = ['contracts', index, 'subscriptions', subIndex, 'customerUnitPrice'];
        ctx.addIssue({
          code: 'custom',
          path,
          message: `required for renewalPricing "${contract.renewalPricing ?? 'same'}"`,
        });
      });
    });
    if (!/^\+?\d+(\.0*)?$/.test(request.renewalTermMonths)) return;
    for (const group of renewalGroups(request.contracts, request.renewalTermMonths)) {
      const taken = new Set<string>();
      for (const { contract, index } of group.members) {
        const ids = contract.subscriptions.map((s) => s.id);
        flagDuplicateIds(ids, ['contracts', index, 'subscriptions'], 'id', ctx, taken);
        for (const id of ids) taken.add(id);
        if (contract.endDate >= group.endDate) {
          const message = `ends after the renewal of its group (${group.startDate}..${group.endDate})`;
          ctx.addIssue({ code: 'custom', path: ['contracts', index, 'endDate'], message });
        }
      }
    }
  });

export type RenewalRequest = z.infer<typeof RenewalRequestSchema>;
export type RenewalContract = RenewalRequest['contracts'][number];
export type RenewalSubscription = RenewalContract['subscriptions'][number];

export interface RenewalGroup {
  members: { contract: RenewalContract; index: number }[];
  /** The day after the group's earliest contract end (Salesforce CPQ help, "Co-Termination"). */
  startDate: string;
  /** start + renewal term months - 1 day (inclusive). */
  endDate: string;
}

/**
 * Contracts sharing a `renewalGroup` renew together; a contract without one renews alone. Groups
 * keep the order of their first contract in the request.
 */
export function renewalGroups(contracts: readonly RenewalContract[], renewalTermMonths: string): RenewalGroup[] {
  const months = Number.parseInt(renewalTermMonths.replace('+', ''), 10);
  const byKey = new Map<string, RenewalGroup['members']>();
  contracts.forEach((contract, index) => {
    const key = contract.renewalGroup == null ? `contract\u0000${contract.id}` : `group\u0000${contract.renewalGroup}`;
    const members = byKey.get(key) ?? [];
    members.push({ contract, index });
    byKey.set(key, members);
  });
  return [...byKey.values()].map((members) => {
    const earliestEnd = members.reduce((min, m) => (m.contract.endDate < min ? m.contract.endDate : min), '9999-12-31');
    const start = parseIsoDate(addDaysIso(earliestEnd, 1));
    return { members, startDate: formatIsoDate(start), endDate: formatIsoDate(addDays(addMonths(start, months), -1)) };
  });
}
