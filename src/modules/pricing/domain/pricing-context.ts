import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { Decimal } from '../../../kernel/money/money.ts';
import type { RoundingMode } from '../../../kernel/money/rounding.ts';
import { planBlock, type BlockPlan } from './block-pricing.ts';
import { findContractedPrice, type ContractedLookup } from './contracted-price.ts';
import { costPlusPrice, type CostPlusPrice } from './cost-plus.ts';
import { planSchedule, type SchedulePlan } from './discount-schedule.ts';
import { percentOff, type PercentOff } from './percent-off.ts';
import type { CatalogProduct, PricingRequest } from './pricing-request-schema.ts';
import type { TermInput } from './pricing-schema-primitives.ts';
import {
  DEFAULT_PRORATION_PRECISION,
  DEFAULT_TERM_MONTHS,
  prorateMultiplier,
  resolveTerm,
  type ResolvedTerm,
} from './term-proration.ts';

export type PricingMethod = 'list' | 'cost-plus' | 'block' | 'percent-of-total';

/** Everything about a product that does not depend on the line, computed once per quote. */
export interface ProductPlan {
  /** Short identity within one quote, for memo keys. */
  key: string;
  product: CatalogProduct;
  method: PricingMethod;
  /** The price-book entry in the quote currency (docs/pricing.md "How a quote is priced"; no FX conversion). */
  listPrice: Decimal | null;
  defaultTerm: Decimal | null;
  defaultTermResolved: ResolvedTerm | null;
  volume: SchedulePlan | null;
  termSchedule: SchedulePlan | null;
  contracted: ContractedLookup;
  block: BlockPlan | null;
  costPlus: CostPlusPrice | null;
}

/**
 * Per-quote lookups and caches (docs/pricing.md "Performance": "precompute per-product/per-schedule
 * data once per quote, avoid re-parsing decimals"). Everything is lazy: a 100-product catalog
 * with a 3-line quote plans only the 3 products used.
 */
export interface PricingContext {
  currency: string;
  minorUnits: number;
  rounding: RoundingMode;
  applyAdditionalDiscountLast: boolean;
  channelDiscountsOffList: boolean;
  partner: PercentOff | null;
  distributor: PercentOff | null;
  product(sku: string): ProductPlan | undefined;
  decimal(text: string): Decimal;
  percentOff(text: string): PercentOff;
  term(input: TermInput | undefined): ResolvedTerm | null;
  /** PM and its trace detail per (term, product default term), computed once. */
  proration(term: ResolvedTerm, plan: ProductPlan): { multiplier: Decimal; detail: string };
  priorQuantity(schedule: SchedulePlan): Decimal;
}

export function createPricingContext(request: PricingRequest): PricingContext {
  const currency = request.currency;
  const decimals = new Map<string, Decimal>();
  const decimal = (text: string): Decimal => {
    let value = decimals.get(text);
    if (value === undefined) {
      value = new Decimal(text);
      decimals.set(text, value);
    }
    return value;
  };
  const productInputs = new Map(request.catalog.products.map((p) => [p.sku, p]));
  const scheduleInputs = new Map((request.catalog.discountSchedules ?? []).map((s) => [s.id, s]));
  const schedules = new Map<string, SchedulePlan>();
  const schedule = (id: string | null | undefined): SchedulePlan | null => {
    if (id == null) return null;
    const cached = schedules.get(id);
    if (cached) return cached;
    const input = scheduleInputs.get(id);
    if (!input) return null; // the request schema rejects unknown schedule ids
    const plan = planSchedule(input, currency);
    schedules.set(id, plan);
    return plan;
  };
  const contractedEntries = request.account?.contractedPrices ?? [];
  const contractDate = request.pricingDate ?? request.term?.startDate;
  const plans = new Map<string, ProductPlan>();
  const product = (sku: string): ProductPlan | undefined => {
    const cached = plans.get(sku);
    if (cached) return cached;
    const input = productInputs.get(sku);
    if (!input) return undefined;
    const key = `p${plans.size}`;
    const plan = planProduct(
      key,
      input,
      currency,
      schedule,
      findContractedPrice(contractedEntries, input, currency, contractDate),
    );
    plans.set(sku, plan);
    return plan;
  };

  const quotePrecision = request.term?.prorationPrecision ?? DEFAULT_PRORATION_PRECISION;
  const quoteTerm = request.term ? resolveTerm(request.term, DEFAULT_PRORATION_PRECISION, 'q') : null;
  const terms = new Map<string, ResolvedTerm>();
  const term = (input: TermInput | undefined): ResolvedTerm | null => {
    if (input === undefined) return quoteTerm;
    const key = `${input.months}|${input.startDate}|${input.endDate}|${input.prorationPrecision}`;
    let resolved = terms.get(key);
    if (resolved === undefined) {
      resolved = resolveTerm(input, quotePrecision, `t${terms.size}`);
      terms.set(key, resolved);
    }
    return resolved;
  };

  const prorations = new Map<string, { multiplier: Decimal; detail: string }>();
  const proration = (resolved: ResolvedTerm, plan: ProductPlan): { multiplier: Decimal; detail: string } => {
    const defaultTerm = plan.defaultTerm ?? DEFAULT_TERM_MONTHS;
    const key = `${resolved.key}|${defaultTerm.toString()}`;
    let result = prorations.get(key);
    if (result === undefined) {
      result = {
        multiplier: prorateMultiplier(resolved, defaultTerm),
        detail: `${resolved.detail} / default term ${defaultTerm.toString()} months`,
      };
      prorations.set(key, result);
    }
    return result;
  };

  const priorQuantities = request.account?.priorQuantities ?? {};
  const priors = new Map<string, Decimal>();
  const priorQuantity = (plan: SchedulePlan): Decimal => {
    let prior = priors.get(plan.id);
    if (prior === undefined) {
      // Cross-order: what the account owns of every product priced by this schedule.
      prior = new Decimal(0);
      for (const input of request.catalog.products) {
        const owned = priorQuantities[input.sku];
        if (owned !== undefined && input.discountSchedule === plan.id) prior = prior.plus(owned);
      }
      priors.set(plan.id, prior);
    }
    return prior;
  };

  const percents = new Map<string, PercentOff>();
  const percent = (text: string): PercentOff => {
    let off = percents.get(text);
    if (off === undefined) {
      off = percentOff(new Decimal(text));
      percents.set(text, off);
    }
    return off;
  };
  const partner = request.account?.partnerDiscountPercent;
  const distributor = request.account?.distributorDiscountPercent;
  return {
    currency,
    minorUnits: minorUnitsOf(currency),
    rounding: request.options?.roundingMode ?? 'half-up',
    applyAdditionalDiscountLast: request.options?.applyAdditionalDiscountLast ?? false,
    channelDiscountsOffList: request.options?.channelDiscountsOffList ?? false,
    partner: partner == null ? null : percent(partner),
    distributor: distributor == null ? null : percent(distributor),
    product,
    decimal,
    percentOff: percent,
    term,
    proration,
    priorQuantity,
  };
}

function planProduct(
  key: string,
  input: CatalogProduct,
  currency: string,
  schedule: (id: string | null | undefined) => SchedulePlan | null,
  contracted: ContractedLookup,
): ProductPlan {
  const method = input.pricingMethod ?? 'list';
  const listText = input.prices?.[currency];
  const recurring = input.recurring != null;
  const defaultTerm = recurring
    ? input.recurring?.defaultTermMonths != null
      ? new Decimal(input.recurring.defaultTermMonths)
      : DEFAULT_TERM_MONTHS
    : null;
  return {
    key,
    product: input,
    method,
    listPrice: listText === undefined ? null : new Decimal(listText),
    defaultTerm,
    defaultTermResolved:
      defaultTerm === null
        ? null
        : resolveTerm({ months: defaultTerm.toString() }, DEFAULT_PRORATION_PRECISION, `d${key}`),
    volume: schedule(input.discountSchedule),
    termSchedule: schedule(input.termDiscountSchedule),
    contracted,
    block: method === 'block' ? planBlock(input, currency) : null,
    costPlus: method === 'cost-plus' ? costPlusPrice(input, currency) : null,
  };
}
