import { createHash } from 'node:crypto';
import type { CatalogProduct, DiscountScheduleInput, PricingRequest } from '../pricing/index.ts';
import type { AccountPricing, QuoteSettings, StoredQuoteLine } from './quote-record.ts';

export interface PricingInputs {
  currency: string;
  settings: QuoteSettings;
  lines: readonly StoredQuoteLine[];
  /** Catalog products of the lines' SKUs (any order). */
  products: readonly CatalogProduct[];
  /** Every schedule those products reference. */
  schedules: readonly DiscountScheduleInput[];
  account: AccountPricing | null;
  /** YYYY-MM-DD: effective/expiry dates of contracted prices are checked against it. */
  pricingDate: string;
  /** The portal's rounding mode (docs/pricing.md (money and rounding); src/settings); the engine's default when absent. */
  roundingMode?: 'half-up' | 'half-even';
}

/**
 * Builds the pricing engine's request for a quote (pure). Only the products on the quote and the
 * schedules they reference go in, so a 1,000-line quote does not carry a 50,000-product catalog.
 */
export function buildPricingRequest(inputs: PricingInputs): PricingRequest {
  const bySku = new Map(inputs.products.map((p) => [p.sku, p]));
  const products = [...new Set(inputs.lines.map((l) => l.sku))].flatMap((sku) => bySku.get(sku) ?? []);
  const account = inputs.account;
  return {
    currency: inputs.currency as PricingRequest['currency'],
    pricingDate: inputs.pricingDate,
    options: inputs.roundingMode
      ? { ...inputs.settings.options, roundingMode: inputs.roundingMode }
      : inputs.settings.options,
    ...(inputs.settings.termMonths ? { term: { months: inputs.settings.termMonths } } : {}),
    catalog: { products, discountSchedules: [...inputs.schedules].sort((a, b) => a.id.localeCompare(b.id)) },
    ...(account
      ? {
          account: {
            contractedPrices: account.contractedPrices,
            partnerDiscountPercent: account.partnerDiscountPercent,
            distributorDiscountPercent: account.distributorDiscountPercent,
          },
        }
      : {}),
    lines: inputs.lines.map((line) => ({
      id: line.id,
      sku: line.sku,
      quantity: line.quantity,
      ...(line.additionalDiscount ? { additionalDiscount: line.additionalDiscount } : {}),
      ...(line.termMonths ? { term: { months: line.termMonths } } : {}),
    })),
  };
}

/**
 * Fingerprint of the price book and account pricing a quote was priced with. When it differs from
 * the fingerprint of today's catalog, the card shows "prices changed since saved" instead of
 * silently repricing (docs/quotes.md "Quotes"). The rep's own inputs (lines, term) are not part of it.
 */
export function priceInputsHash(request: PricingRequest): string {
  const products = [...request.catalog.products].sort((a, b) => a.sku.localeCompare(b.sku));
  const text = JSON.stringify({
    products,
    schedules: request.catalog.discountSchedules ?? [],
    account: request.account ?? null,
  });
  return createHash('sha256').update(text).digest('base64url');
}

/** Schedule ids the products reference (volume and term schedules). */
export function referencedScheduleIds(products: readonly CatalogProduct[]): string[] {
  const ids = new Set<string>();
  for (const p of products) {
    if (p.discountSchedule) ids.add(p.discountSchedule);
    if (p.termDiscountSchedule) ids.add(p.termDiscountSchedule);
  }
  return [...ids];
}
