import { Decimal, ZERO } from '../../../kernel/money/money.ts';
import { minorUnitsToDecimal, roundToMinorUnitText, toMinorUnits } from '../../../kernel/money/rounding.ts';
import { blockEffectiveQuantity } from './block-pricing.ts';
import type { SchedulePlan } from './discount-schedule.ts';
import { priceLineUnit, type LineState, type LineTotals, type MemoEntry } from './line-unit-price.ts';
import { createPricingContext, type PricingContext } from './pricing-context.ts';
import { lineMessage, type PricingMessage } from './pricing-messages.ts';
import type { PricingRequest } from './pricing-request-schema.ts';
import type { PricedLine, PricingResponse } from './pricing-response-schema.ts';
import { coversCategory, percentOfTotalBase, percentOfTotalPrice } from './percent-of-total.ts';
import type { UnitPrices } from './price-waterfall.ts';
import type { ResolvedTerm } from './term-proration.ts';
import { createTotalsAccumulator } from './quote-totals.ts';
import { rollUpBundles } from './bundle-rollup.ts';

/** A line that made it into the totals, kept for percent-of-total bases. */
interface PricedRecord {
  state: LineState;
  unit: UnitPrices;
  effectiveQuantity: Decimal;
  listMinor: bigint;
  netMinor: bigint;
}

/** §2.8: line net total = round(net unit price x effective quantity); the list total likewise, prorated. */
function lineTotalsOf(
  ctx: PricingContext,
  unit: UnitPrices,
  effectiveQuantity: Decimal,
  term: ResolvedTerm | null,
): LineTotals {
  const list = roundToMinorUnitText(unit.proratedList.times(effectiveQuantity), ctx.minorUnits, ctx.rounding);
  const net = roundToMinorUnitText(unit.net.times(effectiveQuantity), ctx.minorUnits, ctx.rounding);
  return { listMinor: list.minor, netMinor: net.minor, listText: list.text, netText: net.text, term, count: 0 };
}

/**
 * Prices a quote (docs/pricing.md §§1-3). Pure and deterministic: the result depends on the lines'
 * contents, not their order (aggregates are sums; percent-of-total lines are computed after every
 * line they can cover). Per-line problems become messages; the request itself was validated by
 * PricingRequestSchema.
 */
export function priceQuote(request: PricingRequest): PricingResponse {
  const ctx = createPricingContext(request);
  const messages: { index: number; message: PricingMessage }[] = [];
  const states: (LineState | null)[] = request.lines.map((line, index) => {
    const plan = ctx.product(line.sku);
    if (plan)
      return {
        index,
        line,
        plan,
        quantity: ctx.decimal(line.quantity),
        term: plan.defaultTerm === null ? null : (ctx.term(line.term) ?? plan.defaultTermResolved),
      };
    messages.push({ index, message: lineMessage('UNKNOWN_SKU', line.id, `unknown sku ${line.sku}`) });
    return null;
  });

  // Quote/account aggregation: total quantity per schedule over the lines it prices (§2).
  const aggregates = new Map<SchedulePlan, Decimal>();
  for (const state of states) {
    const schedule = state?.plan.volume;
    if (state && schedule && schedule.aggregation !== 'line')
      aggregates.set(schedule, (aggregates.get(schedule) ?? ZERO).plus(state.quantity));
  }
  const aggregateOf = (schedule: SchedulePlan): Decimal => aggregates.get(schedule) ?? ZERO;

  const memo = new Map<string, MemoEntry>();
  // Covered-line records are only needed when a percent-of-total line will read them.
  const keepCovered = states.some((state) => state?.plan.method === 'percent-of-total');
  const totals = createTotalsAccumulator(ctx.minorUnits, ctx.rounding);
  const priced: PricedRecord[] = [];
  const priceOne = (state: LineState, percentOfTotal: { price: Decimal; detail: string } | null): PricedLine => {
    const { line, plan, index } = state;
    const outcome = priceLineUnit(ctx, state, aggregateOf, memo, percentOfTotal);
    const recurring = plan.defaultTerm !== null;
    if (!outcome.ok) {
      messages.push({ index, message: lineMessage(outcome.code, line.id, outcome.text) });
      return unpricedLine(line.id, line.sku, line.quantity, plan.method, recurring);
    }
    if (outcome.warnings)
      for (const warning of outcome.warnings)
        messages.push({ index, message: lineMessage(warning.code, line.id, warning.text) });
    const { unit, totalsByQuantity } = outcome.entry;
    const block = plan.method === 'block';
    const effectiveQuantity = block ? blockEffectiveQuantity(state.quantity) : state.quantity;
    // A price pushed below zero by discounts is an error; a product priced negative on purpose is not.
    const negative = unit.net.isNegative() && !unit.net.isZero() && !unit.list.isNegative();
    if (negative) {
      messages.push({
        index,
        message: lineMessage('NEGATIVE_NET', line.id, `net unit price ${unit.text.net} is below zero`),
      });
    }
    const effectiveText = block ? effectiveQuantity.toString() : line.quantity;
    let lineTotals = totalsByQuantity.get(effectiveText);
    if (lineTotals === undefined) {
      lineTotals = lineTotalsOf(ctx, unit, effectiveQuantity, state.term);
      totalsByQuantity.set(effectiveText, lineTotals);
    }
    if (!negative) {
      totals.add(lineTotals);
      // Percent-of-total lines never cover each other, so only the other lines are kept.
      if (keepCovered && percentOfTotal === null)
        priced.push({ state, unit, effectiveQuantity, listMinor: lineTotals.listMinor, netMinor: lineTotals.netMinor });
    }
    return {
      id: line.id,
      sku: line.sku,
      status: negative ? 'error' : 'priced',
      pricingMethod: plan.method,
      recurring,
      quantity: line.quantity,
      effectiveQuantity: effectiveText,
      termMonths: state.term === null ? null : state.term.monthsText,
      prorateMultiplier: unit.text.prorateMultiplier,
      listUnitPrice: unit.text.list,
      specialUnitPrice: unit.text.special,
      regularUnitPrice: unit.text.regular,
      customerUnitPrice: unit.text.customer,
      partnerUnitPrice: unit.text.partner,
      netUnitPrice: unit.text.net,
      listTotal: negative ? null : lineTotals.listText,
      netTotal: negative ? null : lineTotals.netText,
      waterfall: unit.waterfall,
    };
  };

  // Built by push so the array stays packed (a preallocated 100,000-slot array can start out sparse).
  const lines: PricedLine[] = [];
  const percentOfTotalLines: LineState[] = [];
  request.lines.forEach((line, index) => {
    const state = states[index];
    if (!state) lines.push(unpricedLine(line.id, line.sku, line.quantity, null, false));
    else if (state.plan.method !== 'percent-of-total') lines.push(priceOne(state, null));
    else {
      percentOfTotalLines.push(state);
      lines.push(unpricedLine(line.id, line.sku, line.quantity, 'percent-of-total', false)); // replaced below
    }
  });
  // Percent-of-total lines come after every line they can cover (§2 "computed after the lines it covers").
  // One base per percent-of-total product: its base and categories are product data.
  const percentOfTotalBySku = new Map<string, { price: Decimal; detail: string; covered: number }>();
  for (const state of percentOfTotalLines) {
    const sku = state.plan.product.sku;
    let pot = percentOfTotalBySku.get(sku);
    if (pot === undefined) {
      pot = percentOfTotalFor(ctx, state, priced);
      percentOfTotalBySku.set(sku, pot);
    }
    if (pot.covered === 0) {
      messages.push({
        index: state.index,
        message: lineMessage('PERCENT_OF_TOTAL_NO_COVERED_LINES', state.line.id, `no priced line is covered by ${sku}`),
      });
    }
    lines[state.index] = priceOne(state, pot);
  }

  rollUpBundles(request.lines, lines, ctx.minorUnits);
  messages.sort((a, b) => a.index - b.index);
  return { currency: ctx.currency, lines, totals: totals.finish(), messages: messages.map((entry) => entry.message) };
}

function percentOfTotalFor(
  ctx: PricingContext,
  state: LineState,
  covered: readonly PricedRecord[],
): { price: Decimal; detail: string; covered: number } {
  const config = state.plan.product.percentOfTotal;
  if (!config) return { price: ZERO, detail: 'no percent-of-total configuration', covered: 0 };
  const base = percentOfTotalBase(config);
  let sum = 0n;
  let count = 0;
  for (const record of covered) {
    if (!coversCategory(config, record.state.plan.product.category)) continue;
    count += 1;
    // The base is the covered lines' rounded totals: what the rep sees on the quote document.
    if (base === 'list') sum += record.listMinor;
    else if (base === 'net') sum += record.netMinor;
    else {
      const unitPrice = base === 'regular' ? record.unit.regular : record.unit.customer;
      sum += toMinorUnits(unitPrice.times(record.effectiveQuantity), ctx.minorUnits, ctx.rounding);
    }
  }
  return { ...percentOfTotalPrice(config, ctx.currency, minorUnitsToDecimal(sum, ctx.minorUnits)), covered: count };
}

function unpricedLine(
  id: string,
  sku: string,
  quantity: string,
  method: PricedLine['pricingMethod'],
  recurring: boolean,
): PricedLine {
  return {
    id,
    sku,
    status: 'error',
    pricingMethod: method,
    recurring,
    quantity,
    effectiveQuantity: null,
    termMonths: null,
    prorateMultiplier: null,
    listUnitPrice: null,
    specialUnitPrice: null,
    regularUnitPrice: null,
    customerUnitPrice: null,
    partnerUnitPrice: null,
    netUnitPrice: null,
    listTotal: null,
    netTotal: null,
    waterfall: [],
  };
}
