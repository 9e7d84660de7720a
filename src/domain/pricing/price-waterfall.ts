import { Decimal, formatDecimal } from '../money/money.ts';
import { applyScheduleDiscount, type ScheduleDiscount } from './discount-schedule.ts';
import type { WaterfallStep } from './pricing-response-schema.ts';

export interface AdditionalDiscount {
  kind: 'percent' | 'amount';
  value: Decimal;
}

export interface WaterfallInput {
  list: Decimal;
  listDetail: string;
  special: { step: 'contracted-price' | 'cost-plus'; price: Decimal; detail: string } | null;
  volume: ScheduleDiscount | null;
  term: ScheduleDiscount | null;
  proration: { multiplier: Decimal; detail: string } | null;
  additional: AdditionalDiscount | null;
  partnerPercent: Decimal | null;
  distributorPercent: Decimal | null;
  applyAdditionalDiscountLast: boolean;
  channelDiscountsOffList: boolean;
}

/** The unit-level result, with the rendered strings computed once (lines share it through the memo). */
export interface UnitPrices {
  list: Decimal;
  /** list x prorate multiplier: the basis of the line's list total. */
  proratedList: Decimal;
  regular: Decimal;
  customer: Decimal;
  net: Decimal;
  text: {
    list: string;
    special: string | null;
    regular: string;
    customer: string;
    partner: string;
    net: string;
    prorateMultiplier: string | null;
  };
  waterfall: readonly WaterfallStep[];
}

/**
 * The price waterfall of cpq-semantics §2, per unit at full precision: list -> special -> volume
 * schedule -> term schedule -> prorate multiplier = regular -> additional discount = customer ->
 * partner % = partner -> distributor % = net. Options: `applyAdditionalDiscountLast` moves the
 * additional discount after partner and distributor (customer then equals regular);
 * `channelDiscountsOffList` takes partner and distributor percents of the prorated list price
 * instead of the running price. Every step is recorded in the trace.
 */
export function runWaterfall(input: WaterfallInput): UnitPrices {
  const steps: WaterfallStep[] = [{ step: 'list', unitPrice: formatDecimal(input.list), detail: input.listDetail }];
  let price = input.list;
  let specialText: string | null = null;
  if (input.special) {
    price = input.special.price;
    specialText = formatDecimal(price);
    steps.push({ step: input.special.step, unitPrice: specialText, detail: input.special.detail });
  }
  for (const [step, discount] of [['volume-discount', input.volume], ['term-discount', input.term]] as const) {
    if (!discount) continue;
    price = applyScheduleDiscount(price, discount);
    steps.push({ step, unitPrice: formatDecimal(price), detail: discount.detail });
  }
  let proratedList = input.list;
  if (input.proration) {
    price = price.times(input.proration.multiplier);
    proratedList = input.list.times(input.proration.multiplier);
    steps.push({ step: 'prorate', unitPrice: formatDecimal(price), detail: input.proration.detail });
  }
  const regular = price;
  const applyAdditional = (): void => {
    const additional = input.additional;
    if (!additional) return;
    price = additional.kind === 'percent' ? price.minus(price.times(additional.value).div(100)) : price.minus(additional.value);
    const detail = additional.kind === 'percent' ? `${additional.value.toString()}% off` : `${additional.value.toString()} off per unit`;
    steps.push({ step: 'additional-discount', unitPrice: formatDecimal(price), detail });
  };
  const applyChannel = (step: 'partner-discount' | 'distributor-discount', percent: Decimal | null): void => {
    if (percent === null) return;
    const base = input.channelDiscountsOffList ? proratedList : price;
    price = price.minus(base.times(percent).div(100));
    const detail = `${percent.toString()}% of ${input.channelDiscountsOffList ? 'list' : 'running price'}`;
    steps.push({ step, unitPrice: formatDecimal(price), detail });
  };
  if (!input.applyAdditionalDiscountLast) applyAdditional();
  const customer = price;
  applyChannel('partner-discount', input.partnerPercent);
  const partner = price;
  applyChannel('distributor-discount', input.distributorPercent);
  if (input.applyAdditionalDiscountLast) applyAdditional();
  const net = price;
  for (const step of steps) Object.freeze(step);
  return {
    list: input.list,
    proratedList,
    regular,
    customer,
    net,
    text: {
      list: formatDecimal(input.list),
      special: specialText,
      regular: formatDecimal(regular),
      customer: formatDecimal(customer),
      partner: formatDecimal(partner),
      net: formatDecimal(net),
      prorateMultiplier: input.proration ? formatDecimal(input.proration.multiplier) : null,
    },
    waterfall: Object.freeze(steps),
  };
}
