import type { Kysely } from 'kysely';
import { catalogRepository } from '../catalog/index.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { QuoteSyncLine, QuoteSyncSnapshot, QuoteSyncSource } from '../../integrations/hubspot/index.ts';
import { quoteRepository } from './quote-repository.ts';

/**
 * The quote side of the sync seam (src/integrations/hubspot/sync/quote-sync-contract.ts): the newest saved state of a
 * quote, archived ones included (the sync removes those from HubSpot). Lines the engine could not
 * price are left out: they are not part of the totals either (docs/pricing-response.schema.json).
 */
export function createQuoteSyncSource(db: Kysely<DatabaseSchema>): QuoteSyncSource {
  return {
    async load(portalId: PortalId, quoteId: string): Promise<QuoteSyncSnapshot | undefined> {
      const quote = await quoteRepository.get(db, portalId, quoteId, { includeArchived: true });
      if (!quote) return undefined;
      const catalog = await catalogRepository.productsBySku(
        db,
        portalId,
        quote.lines.map((l) => l.sku),
      );
      const hubspotIds = new Map(catalog.map((e) => [e.product.sku, e.hubspotProductId]));
      const pricedById = new Map(quote.priced.lines.map((l) => [l.id, l]));
      const lines: QuoteSyncLine[] = quote.lines.flatMap((line) => {
        const priced = pricedById.get(line.id);
        if (!priced || priced.status !== 'priced' || priced.netUnitPrice === null || priced.netTotal === null)
          return [];
        return [
          {
            lineKey: line.id,
            sku: line.sku,
            name: line.name,
            hubspotProductId: hubspotIds.get(line.sku) ?? null,
            quantity: line.quantity,
            netUnitPrice: priced.netUnitPrice,
            netTotal: priced.netTotal,
            recurringBillingPeriod: priced.recurring ? billingPeriod(priced.termMonths) : null,
          },
        ];
      });
      return {
        portalId,
        quoteId: quote.id,
        dealId: quote.dealId,
        revision: quote.revision,
        isPrimary: quote.isPrimary,
        title: quote.title,
        currency: quote.currency,
        expirationDate: quote.expirationDate,
        netTotal: quote.priced.totals.netTotal,
        lines,
        contactIds: [],
        companyIds: quote.companyId ? [quote.companyId] : [],
        archived: quote.archived,
      };
    },
  };
}

/** ISO-8601 period for HubSpot's hs_recurring_billing_period; whole months only (`P12M`). */
function billingPeriod(termMonths: string | null): string | null {
  if (termMonths === null) return null;
  const whole = /^0*([1-9][0-9]*)(?:\.0*)?$/.exec(termMonths);
  return whole ? `P${whole[1]}M` : null;
}
