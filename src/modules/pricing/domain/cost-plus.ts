import { Decimal } from '../../../kernel/money/money.ts';
import type { CatalogProduct } from './pricing-request-schema.ts';

export type CostPlusPrice =
  { ok: true; price: Decimal; detail: string } | { ok: false; code: 'NO_COST_IN_CURRENCY'; text: string };

/**
 * Cost plus markup (docs/pricing.md "How a quote is priced"): unit cost + markup percent of cost, or cost + a markup
 * amount given per currency like every other catalog amount (no silent FX, §2.1).
 */
export function costPlusPrice(product: CatalogProduct, currency: string): CostPlusPrice {
  const costText = product.cost?.[currency];
  if (costText === undefined)
    return { ok: false, code: 'NO_COST_IN_CURRENCY', text: `product ${product.sku} has no cost in ${currency}` };
  const cost = new Decimal(costText);
  const percent = product.markup?.percent;
  if (percent !== undefined) {
    const price = cost.plus(cost.times(percent).div(100));
    return { ok: true, price, detail: `cost ${cost.toString()} + ${new Decimal(percent).toString()}% markup` };
  }
  const amount = product.markup?.amount?.[currency];
  if (amount === undefined)
    return {
      ok: false,
      code: 'NO_COST_IN_CURRENCY',
      text: `product ${product.sku} has no markup amount in ${currency}`,
    };
  return {
    ok: true,
    price: cost.plus(amount),
    detail: `cost ${cost.toString()} + markup ${new Decimal(amount).toString()}`,
  };
}
