import { Decimal } from '../../../kernel/money/money.ts';
import type { CatalogProduct } from './pricing-request-schema.ts';

export type PercentOfTotalBase = 'list' | 'regular' | 'customer' | 'net';

type PercentOfTotalConfig = NonNullable<CatalogProduct['percentOfTotal']>;

/** The base defaults to net: the percentage of what the customer actually pays for the covered lines. */
export function percentOfTotalBase(config: PercentOfTotalConfig): PercentOfTotalBase {
  return config.base ?? 'net';
}

/**
 * Which lines a percent-of-total product covers (docs/pricing.md "How a quote is priced"): those of the listed
 * categories, or all lines; never another percent-of-total line (that would make the order of
 * evaluation matter and could loop).
 */
export function coversCategory(config: PercentOfTotalConfig, category: string | undefined): boolean {
  const categories = config.categories;
  if (categories === undefined || categories.length === 0) return true;
  return category !== undefined && categories.includes(category);
}

/** percent x base sum, clamped to the optional min/max in the quote currency (docs/pricing.md "How a quote is priced"). */
export function percentOfTotalPrice(
  config: PercentOfTotalConfig,
  currency: string,
  baseSum: Decimal,
): { price: Decimal; detail: string } {
  const percent = new Decimal(config.percent);
  let price = baseSum.times(percent).div(100);
  let detail = `${percent.toString()}% of ${percentOfTotalBase(config)} total ${baseSum.toString()}`;
  const min = config.min?.[currency];
  const max = config.max?.[currency];
  if (min !== undefined && price.lt(min)) {
    price = new Decimal(min);
    detail += `, raised to minimum ${price.toString()}`;
  } else if (max !== undefined && price.gt(max)) {
    price = new Decimal(max);
    detail += `, capped at maximum ${price.toString()}`;
  }
  return { price, detail };
}
