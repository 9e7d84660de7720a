import { Decimal, formatDecimal, ZERO } from '../money/money.ts';
import { formatMoney, roundToMinorUnits } from '../money/rounding.ts';
import { blockEffectiveQuantity } from './block-pricing.ts';
import type { SchedulePlan } from './discount-schedule.ts';
import { priceLineUnit, type LineState } from './line-unit-price.ts';
import { createPricingContext, type PricingContext } from './pricing-context.ts';
import { lineMessage, type PricingMessage } from './pricing-messages.ts';
import type { PricingRequest } from './pricing-request-schema.ts';
import type { PricedLine, PricingResponse } from './pricing-response-schema.ts';
import { coversCategory, percentOfTotalBase, percentOfTotalPrice } from './percent-of-total.ts';
import type { UnitPrices } from './price-waterfall.ts';
import { createTotalsAccumulator } from './quote-totals.ts';

/** A line that made it into the totals, kept for percent-of-total bases. */
interface PricedRecord {
  state: LineState;
  unit: UnitPrices;
  effectiveQuantity: Decimal;
  listTotal: Decimal;
  netTotal: Decimal;
}

/**
 * Prices a quote (cpq-semantics §§1-3). Pure and deterministic: the result depends on the lines'
 * contents, not their order (aggregates are sums; percent-of-total lines are computed after every
 * line they can cover). Per-line problems become messages; the request itself was validated by
 * PricingRequestSchema.
 */
export function priceQuote(request: PricingRequest): PricingResponse {
  const ctx = createPricingContext(request);
  const messages: { index: number; message: PricingMessage }[] = [];
  const lines: PricedLine[] = new Array<PricedLine>(request.lines.length);
  const states: (LineState | null)[] = request.lines.map((line, index) => {
    const plan = ctx.product(line.sku);
    if (plan) return { index, line, plan, quantity: ctx.decimal(line.quantity), term: plan.defaultTerm === null ? null : (ctx.term(line.term) ?? plan.defaultTermResolved) };
    messages.push({ index, message: lineMessage('UNKNOWN_SKU', line.id, `unknown sku ${line.sku}`) });
    lines[index] = unpricedLine(line.id, line.sku, line.quantity, null, false);
    return null;
  });

  // Quote/account aggregation: total quantity per schedule over the lines it prices (§2).
  const aggregates = new Map<SchedulePlan, Decimal>();
  for (const state of states) {
    const schedule = state?.plan.volume;
    if (state && schedule && schedule.aggregation !== 'line') aggregates.set(schedule, (aggregates.get(schedule) ?? ZERO).plus(state.quantity));
  }
  const aggregateOf = (schedule: SchedulePlan): Decimal => aggregates.get(schedule) ?? ZERO;

  const memo = new Map<string, UnitPrices>();
  const lineTotals = new Map<string, { listTotal: Decimal; netTotal: Decimal; listText: string; netText: string }>();
  const totals = createTotalsAccumulator(ctx.minorUnits, ctx.rounding);
  const priced: PricedRecord[] = [];
  const priceOne = (state: LineState, percentOfTotal: { price: Decimal; detail: string } | null): void => {
    const { line, plan, index } = state;
    const outcome = priceLineUnit(ctx, state, aggregateOf, memo, percentOfTotal);
    const recurring = plan.defaultTerm !== null;
    if (!outcome.ok) {
      messages.push({ index, message: lineMessage(outcome.code, line.id, outcome.text) });
      lines[index] = unpricedLine(line.id, line.sku, line.quantity, plan.method, recurring);
      return;
    }
    for (const warning of outcome.warnings) messages.push({ index, message: lineMessage(warning.code, line.id, warning.text) });
    const { unit } = outcome;
    const effectiveQuantity = plan.method === 'block' ? blockEffectiveQuantity(state.quantity) : state.quantity;
    // A price pushed below zero by discounts is an error; a product priced negative on purpose is not.
    const negative = unit.net.isNegative() && !unit.net.isZero() && !unit.list.isNegative();
    if (negative) {
      messages.push({ index, message: lineMessage('NEGATIVE_NET', line.id, `net unit price ${unit.text.net} is below zero`) });
    }
    const totalsKey = `${outcome.key}\u0002${effectiveQuantity.toString()}`;
    let lineTotal = lineTotals.get(totalsKey);
    if (lineTotal === undefined) {
      // §2.8: line net total = round(net unit price x effective quantity); list total likewise, prorated.
      const listTotal = roundToMinorUnits(unit.proratedList.times(effectiveQuantity), ctx.minorUnits, ctx.rounding);
      const netTotal = roundToMinorUnits(unit.net.times(effectiveQuantity), ctx.minorUnits, ctx.rounding);
      lineTotal = { listTotal, netTotal, listText: formatMoney(listTotal, ctx.minorUnits, ctx.rounding), netText: formatMoney(netTotal, ctx.minorUnits, ctx.rounding) };
      lineTotals.set(totalsKey, lineTotal);
    }
    if (!negative) {
      totals.add(lineTotal.listTotal, lineTotal.netTotal, state.term);
      priced.push({ state, unit, effectiveQuantity, listTotal: lineTotal.listTotal, netTotal: lineTotal.netTotal });
    }
    lines[index] = {
      id: line.id,
      sku: line.sku,
      status: negative ? 'error' : 'priced',
      pricingMethod: plan.method,
      recurring,
      quantity: line.quantity,
      effectiveQuantity: effectiveQuantity === state.quantity ? line.quantity : effectiveQuantity.toString(),
      termMonths: state.term === null ? null : formatDecimal(state.term.months),
      prorateMultiplier: unit.text.prorateMultiplier,
      listUnitPrice: unit.text.list,
      specialUnitPrice: unit.text.special,
      regularUnitPrice: unit.text.regular,
      customerUnitPrice: unit.text.customer,
      partnerUnitPrice: unit.text.partner,
      netUnitPrice: unit.text.net,
      listTotal: negative ? null : lineTotal.listText,
      netTotal: negative ? null : lineTotal.netText,
      waterfall: unit.waterfall,
    };
  };

  const percentOfTotalLines: LineState[] = [];
  for (const state of states) {
    if (state === null) continue;
    if (state.plan.method === 'percent-of-total') percentOfTotalLines.push(state);
    else priceOne(state, null);
  }
  // Percent-of-total lines come after every line they can cover (§2 "computed after the lines it covers").
  const coveredLines = priced.slice();
  for (const state of percentOfTotalLines) priceOne(state, percentOfTotalFor(ctx, state, coveredLines, messages));

  messages.sort((a, b) => a.index - b.index);
  return { currency: ctx.currency, lines, totals: totals.finish(), messages: messages.map((entry) => entry.message) };
}

function percentOfTotalFor(
  ctx: PricingContext,
  state: LineState,
  covered: readonly PricedRecord[],
  messages: { index: number; message: PricingMessage }[],
): { price: Decimal; detail: string } | null {
  const config = state.plan.product.percentOfTotal;
  if (!config) return null;
  const base = percentOfTotalBase(config);
  let sum = ZERO;
  let count = 0;
  for (const record of covered) {
    if (!coversCategory(config, record.state.plan.product.category)) continue;
    count += 1;
    // The base is the covered lines' rounded totals: what the rep sees on the quote document.
    if (base === 'list') sum = sum.plus(record.listTotal);
    else if (base === 'net') sum = sum.plus(record.netTotal);
    else {
      const unitPrice = base === 'regular' ? record.unit.regular : record.unit.customer;
      sum = sum.plus(roundToMinorUnits(unitPrice.times(record.effectiveQuantity), ctx.minorUnits, ctx.rounding));
    }
  }
  if (count === 0) {
    messages.push({ index: state.index, message: lineMessage('PERCENT_OF_TOTAL_NO_COVERED_LINES', state.line.id, `no priced line is covered by ${state.plan.product.sku}`) });
  }
  return percentOfTotalPrice(config, ctx.currency, sum);
}

function unpricedLine(id: string, sku: string, quantity: string, method: PricedLine['pricingMethod'], recurring: boolean): PricedLine {
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
