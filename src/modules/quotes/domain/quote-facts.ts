import { Decimal, HUNDRED, ZERO, parseDecimal } from '../../../kernel/money/money.ts';
import type { PricingResponse } from '../../pricing/index.ts';

/**
 * The values approval rules look at, computed once per quote so that evaluating many rules over a
 * large quote stays linear: "any line's discount above 20%" is the same question as "the largest
 * line discount above 20%", so line conditions read a max/min, never the lines again.
 * Percentages keep full precision (they are compared, never shown rounded).
 */
export const NUMERIC_FACTS = [
  'netTotal',
  'listTotal',
  'discountPercent',
  'maxLineDiscountPercent',
  'termMonths',
  'marginPercent',
  'lineCount',
  'maxLineQuantity',
  'maxLineNetTotal',
] as const;
export type NumericFact = (typeof NUMERIC_FACTS)[number];

export const SET_FACTS = ['sku', 'category'] as const;
export type SetFact = (typeof SET_FACTS)[number];

export interface QuoteFacts {
  currency: string;
  /** null = unknown (e.g. margin when a product has no cost): a condition on it never fires. */
  numbers: Record<NumericFact, Decimal | null>;
  sets: Record<SetFact, ReadonlySet<string>>;
}

/** What the catalog knows about a product that the priced snapshot does not carry. */
export interface ProductFacts {
  category: string | null;
  /** Unit cost per currency (the catalog's `cost`), for margin. */
  cost: Readonly<Record<string, string>> | null;
}

export interface QuoteFactsInput {
  currency: string;
  termMonths: string | null;
  priced: Pick<PricingResponse, 'lines' | 'totals'>;
  products: ReadonlyMap<string, ProductFacts>;
}

function percentOff(list: Decimal, net: Decimal): Decimal {
  return list.isZero() ? ZERO : list.minus(net).div(list).times(HUNDRED);
}

export function computeQuoteFacts(input: QuoteFactsInput): QuoteFacts {
  const { priced, currency } = input;
  let maxDiscount: Decimal | null = null;
  let maxQuantity: Decimal | null = null;
  let maxNet: Decimal | null = null;
  let maxTerm: Decimal | null = input.termMonths === null ? null : parseDecimal(input.termMonths);
  let cost: Decimal | null = ZERO;
  const skus = new Set<string>();
  const categories = new Set<string>();
  for (const line of priced.lines) {
    skus.add(line.sku);
    const product = input.products.get(line.sku);
    if (product?.category) categories.add(product.category);
    const quantity = parseDecimal(line.quantity);
    if (maxQuantity === null || quantity.gt(maxQuantity)) maxQuantity = quantity;
    if (line.termMonths !== null) {
      const term = parseDecimal(line.termMonths);
      if (maxTerm === null || term.gt(maxTerm)) maxTerm = term;
    }
    if (line.listTotal === null || line.netTotal === null) {
      cost = null;
      continue;
    }
    const net = parseDecimal(line.netTotal);
    const discount = percentOff(parseDecimal(line.listTotal), net);
    if (maxDiscount === null || discount.gt(maxDiscount)) maxDiscount = discount;
    if (maxNet === null || net.gt(maxNet)) maxNet = net;
    const unitCost = product?.cost?.[currency];
    if (cost !== null && unitCost !== undefined && line.effectiveQuantity !== null) {
      const multiplier = line.prorateMultiplier === null ? new Decimal(1) : parseDecimal(line.prorateMultiplier);
      cost = cost.plus(parseDecimal(unitCost).times(parseDecimal(line.effectiveQuantity)).times(multiplier));
    } else cost = null;
  }
  const netTotal = parseDecimal(priced.totals.netTotal);
  const listTotal = parseDecimal(priced.totals.listTotal);
  return {
    currency,
    numbers: {
      netTotal,
      listTotal,
      discountPercent: percentOff(listTotal, netTotal),
      maxLineDiscountPercent: maxDiscount ?? ZERO,
      termMonths: maxTerm,
      marginPercent: cost === null || netTotal.isZero() ? null : netTotal.minus(cost).div(netTotal).times(HUNDRED),
      lineCount: new Decimal(priced.lines.length),
      maxLineQuantity: maxQuantity ?? ZERO,
      maxLineNetTotal: maxNet ?? ZERO,
    },
    sets: { sku: skus, category: categories },
  };
}
