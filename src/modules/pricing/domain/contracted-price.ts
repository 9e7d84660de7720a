import { Decimal } from '../../../kernel/money/money.ts';
import { percentOff, type PercentOff } from './percent-off.ts';
import type { CatalogProduct, ContractedPriceInput } from './pricing-request-schema.ts';

export type ContractedPrice =
  { kind: 'price'; price: Decimal; detail: string } | { kind: 'percent'; off: PercentOff; detail: string };

export interface ContractedLookup {
  match: ContractedPrice | null;
  /** Set when an entry matched the product but has no price in the quote currency. */
  missingCurrencyText: string | null;
}

/**
 * The account's contracted price for a product (docs/pricing.md "How a quote is priced" step 2: it takes precedence over
 * the product's pricing method). An entry for the sku beats one for the product's category; among
 * equals the first listed wins. Dated entries count only when `onDate` lies within them
 * (inclusive); with no date to compare against, every entry counts.
 */
export function findContractedPrice(
  entries: readonly ContractedPriceInput[],
  product: CatalogProduct,
  currency: string,
  onDate: string | undefined,
): ContractedLookup {
  let missingCurrencyText: string | null = null;
  const effective = entries.filter(
    (entry) => onDate === undefined || ((entry.startDate ?? onDate) <= onDate && onDate <= (entry.endDate ?? onDate)),
  );
  const candidates = [
    ...effective.filter((entry) => entry.sku === product.sku),
    ...effective.filter(
      (entry) => entry.sku === undefined && product.category !== undefined && entry.category === product.category,
    ),
  ];
  for (const entry of candidates) {
    const scope = entry.sku !== undefined ? `sku ${entry.sku}` : `category ${entry.category ?? ''}`;
    if (entry.discountPercent !== undefined) {
      const percent = new Decimal(entry.discountPercent);
      return {
        match: {
          kind: 'percent',
          off: percentOff(percent),
          detail: `contracted ${percent.toString()}% off list (${scope})`,
        },
        missingCurrencyText,
      };
    }
    const price = entry.price?.[currency];
    if (price === undefined) {
      missingCurrencyText ??= `contracted price for ${scope} has no ${currency} price; not applied`;
      continue;
    }
    return {
      match: { kind: 'price', price: new Decimal(price), detail: `contracted price (${scope})` },
      missingCurrencyText,
    };
  }
  return { match: null, missingCurrencyText };
}
