import { Decimal, ONE, ZERO } from '../../../kernel/money/money.ts';
import type { CatalogProduct } from './pricing-request-schema.ts';
import { findTier } from './discount-schedule.ts';

interface BlockTierPlan {
  lower: Decimal;
  upper: Decimal | null;
  price: Decimal | null;
  bounds: string;
}

export interface BlockPlan {
  tiers: BlockTierPlan[];
  overageRate: Decimal | null;
}

export type BlockPrice =
  | { ok: true; key: string; price: Decimal; detail: string }
  | { ok: false; code: 'QUANTITY_OUTSIDE_BLOCK_TIERS' | 'NO_PRICE_IN_CURRENCY'; text: string };

export function planBlock(product: CatalogProduct, currency: string): BlockPlan {
  const tiers = (product.blockTiers ?? []).map((tier): BlockTierPlan => {
    const lower = new Decimal(tier.lowerBound);
    const upper = tier.upperBound == null ? null : new Decimal(tier.upperBound);
    const price = tier.price[currency];
    return {
      lower,
      upper,
      price: price === undefined ? null : new Decimal(price),
      bounds: `[${lower.toString()},${upper === null ? 'inf' : upper.toString()})`,
    };
  });
  const overage = product.overageRate?.[currency];
  return { tiers, overageRate: overage === undefined ? null : new Decimal(overage) };
}

/**
 * Block pricing (docs/pricing.md "How a quote is priced"): the price is the block price of the tier containing the
 * quantity, not multiplied by quantity. Above the top tier's upper bound the line is an error
 * unless an overage rate is set; then each unit above the top block (upper - 1 units, as with
 * every exclusive bound) adds the rate: qty 23 over [11,21) 18 with rate 2 -> 18 + 3 x 2 = 24.
 * Tiers are looked up on the magnitude of the quantity so a negative (amendment) line mirrors the
 * positive one. Quantity 0 shows the lowest block and has effective quantity 0.
 */
export function priceBlock(plan: BlockPlan, quantity: Decimal, currency: string): BlockPrice {
  const magnitude = quantity.abs();
  let index = magnitude.isZero() ? 0 : findTier(plan.tiers, magnitude);
  let overageUnits = ZERO;
  const top = plan.tiers[plan.tiers.length - 1];
  if (index < 0 && top?.upper != null && magnitude.gte(top.upper)) {
    if (plan.overageRate === null) {
      return {
        ok: false,
        code: 'QUANTITY_OUTSIDE_BLOCK_TIERS',
        text: `quantity ${quantity.toString()} is above the top block ${top.bounds} and no overage rate is set in ${currency}`,
      };
    }
    index = plan.tiers.length - 1;
    overageUnits = magnitude.minus(top.upper.minus(ONE));
  }
  const tier = plan.tiers[index];
  if (!tier) {
    return {
      ok: false,
      code: 'QUANTITY_OUTSIDE_BLOCK_TIERS',
      text: `quantity ${quantity.toString()} is in no block tier`,
    };
  }
  if (tier.price === null) {
    return { ok: false, code: 'NO_PRICE_IN_CURRENCY', text: `block ${tier.bounds} has no price in ${currency}` };
  }
  if (overageUnits.isZero()) {
    return {
      ok: true,
      key: `b${index}`,
      price: tier.price,
      detail: `block ${tier.bounds} price ${tier.price.toString()}`,
    };
  }
  const rate = plan.overageRate ?? ZERO;
  return {
    ok: true,
    key: `b${index}+${overageUnits.toString()}`,
    price: tier.price.plus(overageUnits.times(rate)),
    detail: `block ${tier.bounds} price ${tier.price.toString()} + ${overageUnits.toString()} overage units x ${rate.toString()}`,
  };
}

/** A block is bought once: effective quantity 1 (-1 for a decrease, 0 for a zero line). */
export function blockEffectiveQuantity(quantity: Decimal): Decimal {
  if (quantity.isZero()) return ZERO;
  return quantity.isNegative() ? ONE.neg() : ONE;
}
