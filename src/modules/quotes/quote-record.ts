import type { AccountPricing, QuoteTotals } from '../../../extensions/app/cards/api/card-api-schemas.ts';
import type { PricingResponse } from '../pricing/index.ts';
import type { QuoteStatus } from './domain/quote-status.ts';

/** A rep's quote line as stored: the engine's line input plus the product name at save time. */
export interface StoredQuoteLine {
  id: string;
  sku: string;
  name: string;
  quantity: string;
  additionalDiscount: { percent: string } | { amount: string } | null;
  termMonths: string | null;
}

export interface QuoteSettings {
  termMonths: string | null;
  options: { applyAdditionalDiscountLast?: boolean; channelDiscountsOffList?: boolean };
}

/** A quote as the domain sees it (the `quotes` row, parsed). */
export interface QuoteRecord {
  id: string;
  dealId: string;
  companyId: string | null;
  title: string;
  currency: string;
  status: QuoteStatus;
  isPrimary: boolean;
  revision: number;
  expirationDate: string;
  settings: QuoteSettings;
  lines: StoredQuoteLine[];
  priced: PricingResponse;
  priceInputsHash: string;
  archived: boolean;
  updatedAt: Date;
}

export type { AccountPricing, PricingResponse, QuoteTotals };
