import type { PricingResponse } from '../pricing/index.ts';
import type { QuoteRecord } from './quote-record.ts';
import type { LinePage } from './quote-view.ts';

/**
 * What the quote use cases take and give, independent of the card API: the routes parse requests
 * with the card schemas (extensions/app/cards/api/card-api-schemas.ts) and map results back to
 * them, so the service never depends on a screen's contract.
 */
export interface QuoteLineCommand {
  id?: string | undefined;
  sku: string;
  quantity: string;
  additionalDiscount?: { percent: string } | { amount: string } | null | undefined;
  termMonths?: string | null | undefined;
}

export interface QuoteOptionsCommand {
  applyAdditionalDiscountLast?: boolean | undefined;
  channelDiscountsOffList?: boolean | undefined;
}

export interface QuoteDraftCommand {
  companyId?: string | null | undefined;
  title?: string | undefined;
  currency: string;
  termMonths?: string | null | undefined;
  expirationDate?: string | undefined;
  options?: QuoteOptionsCommand | undefined;
  lines: QuoteLineCommand[];
}

export interface QuoteUpdateCommand {
  expectedRevision?: number | undefined;
  companyId?: string | null | undefined;
  title?: string | undefined;
  currency?: string | undefined;
  termMonths?: string | null | undefined;
  expirationDate?: string | undefined;
  options?: QuoteOptionsCommand | undefined;
  lines?: QuoteLineCommand[] | undefined;
  lineChanges?: { upsert?: QuoteLineCommand[] | undefined; remove?: string[] | undefined } | undefined;
}

/** A quote as saved (or a priced draft: id and updatedAt null) with its pricing, ready to be shown. */
export interface QuoteResult {
  quote: Omit<QuoteRecord, 'id' | 'priceInputsHash' | 'archived' | 'updatedAt' | 'priced'> & {
    id: string | null;
    updatedAt: Date | null;
  };
  priced: PricingResponse;
  page: LinePage;
  pricesChangedSinceSaved: boolean;
}

export interface QuoteListEntry {
  id: string;
  title: string;
  currency: string;
  status: QuoteRecord['status'];
  isPrimary: boolean;
  revision: number;
  netTotal: string;
  lineCount: number;
  updatedAt: Date;
}
