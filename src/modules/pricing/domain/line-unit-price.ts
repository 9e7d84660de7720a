import { Decimal, ONE } from '../../../kernel/money/money.ts';
import { priceBlock } from './block-pricing.ts';
import { noScheduleDiscount, scheduleDiscount, type ScheduleDiscount, type SchedulePlan } from './discount-schedule.ts';
import type { PricingContext, ProductPlan } from './pricing-context.ts';
import type { PricingMessageCode } from './pricing-messages.ts';
import type { PricingLineInput } from './pricing-request-schema.ts';
import { runWaterfall, type AdditionalDiscount, type UnitPrices, type WaterfallInput } from './price-waterfall.ts';
import type { ResolvedTerm } from './term-proration.ts';

/** A line after its product, quantity and term were resolved. */
export interface LineState {
  index: number;
  line: PricingLineInput;
  plan: ProductPlan;
  quantity: Decimal;
  /** The line's explicit term, else the quote's, else the product's default term; null if one-time. */
  term: ResolvedTerm | null;
}

/**
 * Rounded line totals in minor units and as text, per effective quantity, with the number of
 * lines that have exactly these totals: the quote totals are sum(count x total), so a line only
 * increments a counter.
 */
export interface LineTotals {
  listMinor: bigint;
  netMinor: bigint;
  listText: string;
  netText: string;
  term: ResolvedTerm | null;
  count: number;
}

/** One memoised waterfall and the line totals computed from it so far. */
export interface MemoEntry {
  unit: UnitPrices;
  totalsByQuantity: Map<string, LineTotals>;
}

export type LineWarning = { code: PricingMessageCode; text: string };

export type UnitOutcome =
  | { ok: true; entry: MemoEntry; warnings: LineWarning[] | null }
  | { ok: false; code: PricingMessageCode; text: string };

type ListPrice = { price: Decimal; detail: string; key: string };

/**
 * The unit-price waterfall of one line, memoised on everything it depends on (product, list/block
 * key, schedule tiers, term, additional discount): lines with the same pricing inputs share one
 * computation and one trace (docs/pricing.md "Performance").
 */
export function priceLineUnit(
  ctx: PricingContext,
  state: LineState,
  aggregateOf: (schedule: SchedulePlan) => Decimal,
  memo: Map<string, MemoEntry>,
  percentOfTotal: { price: Decimal; detail: string } | null,
): UnitOutcome {
  const { plan, line } = state;
  const list = resolveList(ctx, state, percentOfTotal);
  if ('code' in list) return { ok: false, code: list.code, text: list.text };
  const volume = volumeDiscount(ctx, state, aggregateOf);
  const term = termDiscount(state);
  const additional = line.additionalDiscount;
  // Every input of the waterfall, by short keys: product (list, contracted, method data), list or
  // block tier, both schedule effects, the term, and the additional discount.
  const key = `${plan.key}|${list.key}|${volume?.key ?? ''}|${term?.key ?? ''}|${state.term?.key ?? ''}|${additional?.percent ?? ''}|${additional?.amount ?? ''}|${line.bundled ? 'b' : ''}|${line.optionDiscountPercent ?? ''}`;
  let warnings: LineWarning[] | null = null;
  if (volume?.notApplicableInCurrency)
    (warnings ??= []).push({ code: 'SCHEDULE_NOT_APPLICABLE_IN_CURRENCY', text: volume.detail });
  if (term?.notApplicableInCurrency)
    (warnings ??= []).push({ code: 'SCHEDULE_NOT_APPLICABLE_IN_CURRENCY', text: term.detail });
  if (plan.contracted.missingCurrencyText !== null) {
    (warnings ??= []).push({ code: 'CONTRACTED_PRICE_NOT_IN_CURRENCY', text: plan.contracted.missingCurrencyText });
  }
  let entry = memo.get(key);
  if (entry === undefined) {
    entry = { unit: runWaterfall(waterfallInput(ctx, state, list, volume, term)), totalsByQuantity: new Map() };
    memo.set(key, entry);
  }
  return { ok: true, entry, warnings };
}

function resolveList(
  ctx: PricingContext,
  state: LineState,
  percentOfTotal: { price: Decimal; detail: string } | null,
): ListPrice | { code: PricingMessageCode; text: string } {
  const { plan } = state;
  const sku = plan.product.sku;
  switch (plan.method) {
    case 'block': {
      const block = plan.block && priceBlock(plan.block, state.quantity, ctx.currency);
      if (!block) return { code: 'QUANTITY_OUTSIDE_BLOCK_TIERS', text: `product ${sku} has no block tiers` };
      return block.ok
        ? { price: block.price, detail: block.detail, key: block.key }
        : { code: block.code, text: `${sku}: ${block.text}` };
    }
    case 'percent-of-total': {
      const pot = percentOfTotal ?? { price: new Decimal(0), detail: 'no covered lines' };
      return { price: pot.price, detail: pot.detail, key: pot.price.toString() };
    }
    case 'cost-plus': {
      const costPlus = plan.costPlus;
      if (costPlus && !costPlus.ok) return { code: costPlus.code, text: costPlus.text };
      if (plan.listPrice !== null) return { price: plan.listPrice, detail: 'price book', key: '' };
      const fallback = costPlus?.ok ? costPlus.price : new Decimal(0);
      return {
        price: fallback,
        detail: `no ${ctx.currency} price-book entry: list shown at cost plus markup`,
        key: '',
      };
    }
    case 'list':
      if (plan.listPrice === null)
        return { code: 'NO_PRICE_IN_CURRENCY', text: `product ${sku} has no price in ${ctx.currency}` };
      return { price: plan.listPrice, detail: 'price book', key: '' };
  }
}

/** Volume schedule over the line, the quote, or the quote plus the account's prior purchases (§2). */
function volumeDiscount(
  ctx: PricingContext,
  state: LineState,
  aggregateOf: (schedule: SchedulePlan) => Decimal,
): ScheduleDiscount | null {
  const schedule = state.plan.volume;
  if (!schedule) return null;
  if (state.plan.method === 'block') return BLOCK_SKIPS_SCHEDULES;
  switch (schedule.aggregation) {
    case 'line':
      return scheduleDiscount(schedule, `q${state.line.quantity}`, null, () => ({
        from: ZERO_QTY,
        to: state.quantity.abs(),
      }));
    case 'quote':
      return scheduleDiscount(schedule, 'quote', 'quote quantity', () => ({
        from: ZERO_QTY,
        to: aggregateOf(schedule).abs(),
      }));
    case 'account':
      return scheduleDiscount(schedule, 'account', 'account quantity', () => {
        const prior = ctx.priorQuantity(schedule);
        return { from: prior, to: prior.plus(aggregateOf(schedule).abs()) };
      });
  }
}

const ZERO_QTY = new Decimal(0);

const BLOCK_SKIPS_SCHEDULES = noScheduleDiscount(
  'block',
  'not applied: a block price already covers the whole quantity',
);
const ONE_TIME_SKIPS_TERM = noScheduleDiscount('one-time', 'not applied: one-time product has no term');

/** Term schedule (range only) on the line's term in months; only subscriptions have a term. */
function termDiscount(state: LineState): ScheduleDiscount | null {
  const schedule = state.plan.termSchedule;
  if (!schedule) return null;
  const term = state.term;
  if (term === null) return ONE_TIME_SKIPS_TERM;
  return scheduleDiscount(schedule, `t${term.key}`, 'term months', () => ({ from: ZERO_QTY, to: term.months }));
}

function waterfallInput(
  ctx: PricingContext,
  state: LineState,
  list: ListPrice,
  volume: ScheduleDiscount | null,
  term: ScheduleDiscount | null,
): WaterfallInput {
  const { plan } = state;
  const contracted = plan.contracted.match;
  let special: WaterfallInput['special'] = null;
  if (contracted?.kind === 'price')
    special = { step: 'contracted-price', price: contracted.price, detail: contracted.detail };
  else if (contracted?.kind === 'percent') {
    special = {
      step: 'contracted-price',
      price: list.price.times(contracted.off.multiplier),
      detail: contracted.detail,
    };
  } else if (plan.costPlus?.ok)
    special = { step: 'cost-plus', price: plan.costPlus.price, detail: plan.costPlus.detail };

  let proration: WaterfallInput['proration'] = null;
  if (state.term !== null && plan.defaultTerm !== null) {
    if (plan.method === 'percent-of-total') {
      proration = { multiplier: ONE, detail: 'not prorated: the covered lines already carry their terms' };
    } else {
      proration = ctx.proration(state.term, plan);
    }
  }
  const optionDiscount = state.line.optionDiscountPercent;
  const option: WaterfallInput['option'] = state.line.bundled
    ? { kind: 'bundled' }
    : optionDiscount !== undefined
      ? { kind: 'discount', off: ctx.percentOff(optionDiscount) }
      : null;
  const input = state.line.additionalDiscount;
  let additional: AdditionalDiscount | null = null;
  if (input?.percent !== undefined) additional = { kind: 'percent', off: ctx.percentOff(input.percent) };
  else if (input?.amount !== undefined) additional = { kind: 'amount', value: ctx.decimal(input.amount) };
  return {
    list: list.price,
    listDetail: list.detail,
    special,
    volume,
    term,
    proration,
    additional,
    option,
    partner: ctx.partner,
    distributor: ctx.distributor,
    applyAdditionalDiscountLast: ctx.applyAdditionalDiscountLast,
    channelDiscountsOffList: ctx.channelDiscountsOffList,
  };
}
