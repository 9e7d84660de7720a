import { Decimal, formatDecimal } from '../../../kernel/money/money.ts';
import { applyScheduleDiscount, type ScheduleDiscount } from './discount-schedule.ts';
import type { PercentOff } from './percent-off.ts';
import type { WaterfallStep } from './pricing-response-schema.ts';

export type AdditionalDiscount = { kind: 'percent'; off: PercentOff } | { kind: 'amount'; value: Decimal };

export interface WaterfallInput {
  list: Decimal;
  listDetail: string;
  special: { step: 'contracted-price' | 'cost-plus'; price: Decimal; detail: string } | null;
  volume: ScheduleDiscount | null;
  term: ScheduleDiscount | null;
  /** Bundle options: included at zero, or the option discount. */
  option: { kind: 'bundled' } | { kind: 'discount'; off: PercentOff } | null;
  proration: { multiplier: Decimal; detail: string } | null;
  additional: AdditionalDiscount | null;
  partner: PercentOff | null;
  distributor: PercentOff | null;
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
 * The price waterfall of docs/pricing.md "How a quote is priced", per unit at full precision: list -> special -> volume
 * schedule -> term schedule -> prorate multiplier = regular -> additional discount = customer ->
 * partner % = partner -> distributor % = net. Options: `applyAdditionalDiscountLast` moves the
 * additional discount after partner and distributor (customer then equals regular);
 * `channelDiscountsOffList` takes partner and distributor percents of the prorated list price
 * instead of the running price. Every step is recorded in the trace; each price is rendered once.
 */
export function runWaterfall(input: WaterfallInput): UnitPrices {
  let price = input.list;
  let text = formatDecimal(price);
  const listText = text;
  const steps: WaterfallStep[] = [{ step: 'list', unitPrice: text, detail: input.listDetail }];
  const record = (step: WaterfallStep['step'], next: Decimal, detail: string): void => {
    price = next;
    text = formatDecimal(next);
    steps.push(Object.freeze({ step, unitPrice: text, detail }));
  };
  let specialText: string | null = null;
  if (input.special) {
    record(input.special.step, input.special.price, input.special.detail);
    specialText = text;
  }
  if (input.volume) record('volume-discount', applyScheduleDiscount(price, input.volume), input.volume.detail);
  if (input.term) record('term-discount', applyScheduleDiscount(price, input.term), input.term.detail);
  if (input.option?.kind === 'bundled') record('bundled', price.times(0), 'included in the bundle price');
  else if (input.option)
    record('option-discount', price.times(input.option.off.multiplier), `option ${input.option.off.offLabel}`);
  let proratedList = input.list;
  if (input.proration) {
    proratedList = input.list.times(input.proration.multiplier);
    record('prorate', price.times(input.proration.multiplier), input.proration.detail);
  }
  const regular = price;
  const regularText = text;
  const applyAdditional = (): void => {
    const additional = input.additional;
    if (additional?.kind === 'percent')
      record('additional-discount', price.times(additional.off.multiplier), additional.off.offLabel);
    else if (additional)
      record('additional-discount', price.minus(additional.value), `${additional.value.toString()} off per unit`);
  };
  const applyChannel = (step: 'partner-discount' | 'distributor-discount', off: PercentOff | null): void => {
    if (off === null) return;
    if (input.channelDiscountsOffList) record(step, price.minus(proratedList.times(off.fraction)), off.ofListLabel);
    else record(step, price.times(off.multiplier), off.ofRunningLabel);
  };
  if (!input.applyAdditionalDiscountLast) applyAdditional();
  const customer = price;
  const customerText = text;
  applyChannel('partner-discount', input.partner);
  const partnerText = text;
  applyChannel('distributor-discount', input.distributor);
  if (input.applyAdditionalDiscountLast) applyAdditional();
  return {
    list: input.list,
    proratedList,
    regular,
    customer,
    net: price,
    text: {
      list: listText,
      special: specialText,
      regular: regularText,
      customer: customerText,
      partner: partnerText,
      net: text,
      prorateMultiplier: input.proration ? formatDecimal(input.proration.multiplier) : null,
    },
    waterfall: Object.freeze(steps),
  };
}
