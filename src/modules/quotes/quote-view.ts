import type { QuoteLineView, QuoteView } from '../../../extensions/app/cards/api/card-api-schemas.ts';
import type { PricingResponse } from '../pricing/index.ts';
import type { QuoteRecord, StoredQuoteLine } from './quote-record.ts';

export interface LinePage {
  offset: number;
  limit: number;
}

/**
 * The card's view of a quote (pure): stored lines joined with their priced lines, one page of
 * them, totals and messages exactly as the engine computed them (the card does no arithmetic).
 */
export function toQuoteView(
  quote: Omit<QuoteRecord, 'id' | 'priceInputsHash' | 'archived' | 'updatedAt' | 'priced'> & {
    id: string | null;
    updatedAt: Date | null;
  },
  priced: PricingResponse,
  page: LinePage,
  pricesChangedSinceSaved: boolean,
): QuoteView {
  const pricedById = new Map(priced.lines.map((l) => [l.id, l]));
  const items = quote.lines
    .slice(page.offset, page.offset + page.limit)
    .map((line) => toLineView(line, pricedById.get(line.id)));
  return {
    id: quote.id,
    dealId: quote.dealId,
    companyId: quote.companyId,
    title: quote.title,
    currency: quote.currency,
    status: quote.status,
    isPrimary: quote.isPrimary,
    revision: quote.revision,
    termMonths: quote.settings.termMonths,
    expirationDate: quote.expirationDate,
    pricesChangedSinceSaved,
    totals: priced.totals,
    messages: priced.messages.map((m) => ({ level: m.level, code: m.code, lineId: m.lineId ?? null, text: m.text })),
    lines: { items, offset: page.offset, limit: page.limit, total: quote.lines.length },
    updatedAt: quote.updatedAt ? quote.updatedAt.toISOString() : null,
  };
}

function toLineView(line: StoredQuoteLine, priced: PricingResponse['lines'][number] | undefined): QuoteLineView {
  return {
    id: line.id,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    additionalDiscount: line.additionalDiscount,
    termMonths: line.termMonths,
    status: priced?.status ?? 'error',
    recurring: priced?.recurring ?? false,
    listUnitPrice: priced?.listUnitPrice ?? null,
    regularUnitPrice: priced?.regularUnitPrice ?? null,
    netUnitPrice: priced?.netUnitPrice ?? null,
    listTotal: priced?.listTotal ?? null,
    netTotal: priced?.netTotal ?? null,
    waterfall: (priced?.waterfall ?? []).map((s) => ({
      step: s.step,
      unitPrice: s.unitPrice,
      ...(s.detail === undefined ? {} : { detail: s.detail }),
    })),
  };
}
