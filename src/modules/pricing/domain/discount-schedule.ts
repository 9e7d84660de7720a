import { Decimal, formatDecimal, ONE, ZERO } from '../../../kernel/money/money.ts';
import type { DiscountScheduleInput } from './pricing-request-schema.ts';
import { percentOff } from './percent-off.ts';

/** A tier with its value in the quote currency: a percent, or an amount per unit. */
interface TierPlan {
  lower: Decimal;
  upper: Decimal | null;
  value: Decimal;
  /** 1 - value/100 for percent tiers, computed once. */
  multiplier: Decimal;
  label: string;
}

/** A schedule prepared once per quote for the quote currency. */
export interface SchedulePlan {
  id: string;
  type: 'range' | 'slab';
  unit: 'percent' | 'amount';
  aggregation: 'line' | 'quote' | 'account';
  /** False when an amount schedule lacks tiers in the quote currency (docs/pricing.md "How a quote is priced"). */
  applicable: boolean;
  tiers: TierPlan[];
  cache: Map<string, ScheduleDiscount>;
}

/**
 * What a schedule does to one unit price: multiply by 1 - percent/100, or subtract an amount per
 * unit, or nothing. `key` identifies the effect for the waterfall memo.
 */
export interface ScheduleDiscount {
  key: string;
  multiplier: Decimal | null;
  amount: Decimal | null;
  detail: string;
  notApplicableInCurrency: boolean;
}

export function planSchedule(input: DiscountScheduleInput, currency: string): SchedulePlan {
  const unit = input.unit ?? 'percent';
  let applicable = true;
  const tiers = input.tiers.map((tier): TierPlan => {
    const lower = new Decimal(tier.lowerBound);
    const upper = tier.upperBound == null ? null : new Decimal(tier.upperBound);
    const raw = typeof tier.value === 'string' ? tier.value : tier.value[currency];
    if (raw === undefined) applicable = false;
    const value = raw === undefined ? ZERO : new Decimal(raw);
    const bounds = `[${lower.toString()},${upper === null ? 'inf' : upper.toString()})`;
    const label = unit === 'percent' ? `${bounds} ${value.toString()}%` : `${bounds} ${value.toString()} ${currency}`;
    return { lower, upper, value, multiplier: unit === 'percent' ? percentOff(value).multiplier : ONE, label };
  });
  return {
    id: input.id,
    type: input.type,
    unit,
    aggregation: input.aggregation ?? 'line',
    applicable,
    tiers,
    cache: new Map(),
  };
}

/** The tier whose [lower, upper) contains `quantity` (docs/pricing.md "How a quote is priced": lower-inclusive, upper-exclusive). */
export function findTier<T extends { lower: Decimal; upper: Decimal | null }>(
  tiers: readonly T[],
  quantity: Decimal,
): number {
  for (let i = 0; i < tiers.length; i += 1) {
    const tier = tiers[i];
    if (tier && quantity.gte(tier.lower) && (tier.upper === null || quantity.lt(tier.upper))) return i;
  }
  return -1;
}

/**
 * The discount the schedule gives for units at positions (from, to]: `from` is the quantity already
 * counted before this line (prior purchases for cross-order aggregation), `to` the aggregate
 * quantity including this line. Range: every unit gets the tier of `to`. Slab: each unit gets the
 * tier it falls in; the line gets the average, so lines sharing an aggregate are priced alike
 * whatever their order. Results are cached per schedule under `key` (which must identify
 * `from`, `to` and `label`); `positions` is only evaluated on a cache miss. `label` names the
 * aggregate quantity in the trace ("quote quantity"); null means the line's own quantity, which
 * the trace does not repeat, so lines in the same range tier share one waterfall and one trace.
 */
export function scheduleDiscount(
  plan: SchedulePlan,
  key: string,
  label: string | null,
  positions: () => { from: Decimal; to: Decimal },
): ScheduleDiscount {
  const cached = plan.cache.get(key);
  if (cached) return cached;
  const { from, to } = positions();
  const result = computeDiscount(plan, from, to, label);
  plan.cache.set(key, result);
  return result;
}

// The effect's key must determine its trace detail: lines sharing a waterfall share the trace.
function computeDiscount(plan: SchedulePlan, from: Decimal, to: Decimal, label: string | null): ScheduleDiscount {
  const name = `${plan.id} ${plan.type}`;
  if (!plan.applicable) {
    return noScheduleDiscount(
      `${plan.id}:n/a`,
      `${name}: no ${plan.unit} tiers in the quote currency, not applied`,
      true,
    );
  }
  const quantityName = label ?? 'quantity';
  const at = `${quantityName} ${to.toString()}`;
  if (plan.type === 'range') {
    const index = findTier(plan.tiers, to);
    const tier = plan.tiers[index];
    if (!tier) return noScheduleDiscount(`${plan.id}:-:${to.toString()}`, `${name}: ${at} is in no tier`, false);
    if (label === null)
      return effect(plan, `${plan.id}:${index}`, tier.value, tier.multiplier, `${name} tier ${tier.label}`);
    return effect(
      plan,
      `${plan.id}:${index}:${to.toString()}`,
      tier.value,
      tier.multiplier,
      `${name} tier ${tier.label} at ${at}`,
    );
  }
  return slabDiscount(plan, from, to, quantityName, name);
}

/**
 * Slab (graduated) units: unit k (1-based) belongs to the tier with lower <= k < upper, so the tier
 * [L,U) holds the quantity positions (L-1, U-1]; [1,10) holds units 1..9. A fractional unit belongs
 * to the tier of its unit number (units 9.5 -> half of unit 10 is in [10,20)).
 */
function slabDiscount(plan: SchedulePlan, from: Decimal, to: Decimal, label: string, name: string): ScheduleDiscount {
  const units = to.minus(from);
  const positions = from.isZero() ? `${label} ${to.toString()}` : `${label} (${from.toString()},${to.toString()}]`;
  if (!units.gt(0))
    return noScheduleDiscount(
      `${plan.id}:-:${from.toString()}:${to.toString()}`,
      `${name}: no units at ${positions}`,
      false,
    );
  let weighted = ZERO;
  const parts: string[] = [];
  for (const tier of plan.tiers) {
    const start = Decimal.max(from, tier.lower.minus(ONE), ZERO);
    const end = tier.upper === null ? to : Decimal.min(to, tier.upper.minus(ONE));
    if (!end.gt(start)) continue;
    const inTier = end.minus(start);
    weighted = weighted.plus(inTier.times(tier.value));
    parts.push(`${inTier.toString()} x ${tier.label}`);
  }
  const average = weighted.div(units);
  const suffix = plan.unit === 'percent' ? '%' : ' per unit';
  const detail = `${name} at ${positions}: ${parts.join(', ') || 'no tier'} = average ${formatDecimal(average)}${suffix}`;
  const multiplier = plan.unit === 'percent' ? percentOff(average).multiplier : ONE;
  return effect(plan, `${plan.id}:${from.toString()}:${to.toString()}`, average, multiplier, detail);
}

function effect(
  plan: SchedulePlan,
  key: string,
  value: Decimal,
  multiplier: Decimal,
  detail: string,
): ScheduleDiscount {
  return plan.unit === 'percent'
    ? { key, multiplier, amount: null, detail, notApplicableInCurrency: false }
    : { key, multiplier: null, amount: value, detail, notApplicableInCurrency: false };
}

export function noScheduleDiscount(key: string, detail: string, notApplicableInCurrency = false): ScheduleDiscount {
  return { key, multiplier: null, amount: null, detail, notApplicableInCurrency };
}

/** Applies a schedule discount to a unit price: percent off, or an amount off per unit. */
export function applyScheduleDiscount(price: Decimal, discount: ScheduleDiscount): Decimal {
  if (discount.multiplier !== null) return price.times(discount.multiplier);
  if (discount.amount !== null) return price.minus(discount.amount);
  return price;
}
