import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import type {
  CatalogEntryFromHubSpot,
  CatalogPort,
  HubSpotLookupPort,
  HubSpotProductSnapshot,
  DealQuotesPort,
  DealStagesPort,
  DivergencePort,
  DivergenceRecord,
  ProductFields,
  WebhookPorts,
} from '../../src/integrations/hubspot/webhooks/webhook-ports.ts';

export interface FakeQuote {
  quoteId: string;
  dealId: string;
  netTotal: string;
  lineCount: number;
  primary: boolean;
  status: 'draft' | 'accepted' | 'won';
  archived: boolean;
}

/** In-memory quote model, catalog and divergence log behind the handler ports. */
export class FakeWebhookWorld {
  quotes: FakeQuote[] = [];
  products = new Map<string, ProductFields>();
  divergences: DivergenceRecord[] = [];
  wonStages = new Set(['closedwon']);
  calls: string[] = [];
  /** Catalog entries created from HubSpot products, by HubSpot id. */
  created = new Map<string, CatalogEntryFromHubSpot>();
  /** HubSpot's side: products, line item -> deals, company currency, line items the sync wrote. */
  hubspotProducts = new Map<string, HubSpotProductSnapshot>();
  lineItemDeals = new Map<string, string[]>();
  companyCurrency = 'USD';
  appLineItems = new Set<string>();

  dealQuotes: DealQuotesPort = {
    markPrimaryAcceptedQuoteWon: async (_portalId: PortalId, dealId: string) => {
      this.calls.push(`won:${dealId}`);
      const quote = this.quotes.find(
        (q) => q.dealId === dealId && q.primary && !q.archived && (q.status === 'accepted' || q.status === 'won'),
      );
      if (!quote) return undefined;
      quote.status = 'won';
      return quote.quoteId;
    },
    archiveForDeal: async (_portalId: PortalId, dealId: string) => {
      const live = this.quotes.filter((q) => q.dealId === dealId && !q.archived);
      for (const q of live) q.archived = true;
      return live.length;
    },
    repointDeal: async (_portalId: PortalId, fromDealId: string, toDealId: string) => {
      const moving = this.quotes.filter((q) => q.dealId === fromDealId);
      for (const q of moving) q.dealId = toDealId;
      return moving.length;
    },
    primaryQuote: async (_portalId: PortalId, dealId: string) => {
      const q = this.quotes.find((quote) => quote.dealId === dealId && quote.primary && !quote.archived);
      return q ? { quoteId: q.quoteId, netTotal: q.netTotal, lineCount: q.lineCount } : undefined;
    },
    isAppLineItem: async (_portalId: PortalId, lineItemId: string) => this.appLineItems.has(lineItemId),
  };

  hubspot: HubSpotLookupPort = {
    companyCurrency: async () => {
      this.calls.push('companyCurrency');
      return this.companyCurrency;
    },
    product: async (_portalId: PortalId, id: string) => this.hubspotProducts.get(id),
    lineItemDealIds: async (_portalId: PortalId, id: string) => this.lineItemDeals.get(id) ?? [],
  };

  catalog: CatalogPort = {
    upsertFromHubSpotProduct: async (_portalId: PortalId, id: string, fields: ProductFields) => {
      const existing = this.products.get(id);
      const next = { ...existing, ...fields };
      this.products.set(id, next);
      if (!existing) return 'created';
      return JSON.stringify(existing) === JSON.stringify(next) ? 'unchanged' : 'updated';
    },
    createFromHubSpotProduct: async (_portalId: PortalId, id: string, entry: CatalogEntryFromHubSpot) => {
      if ([...this.created.values()].some((e) => e.sku === entry.sku)) return 'sku-taken';
      this.created.set(id, entry);
      return 'created';
    },
    removeByHubSpotId: async (_portalId: PortalId, id: string) => this.products.delete(id),
  };

  dealStages: DealStagesPort = { isClosedWon: async (_portalId, _pipelineId, stageId) => this.wonStages.has(stageId) };

  divergencePort: DivergencePort = {
    record: async (_portalId, divergence) => {
      if (!this.divergences.some((d) => d.inboxId === divergence.inboxId && d.field === divergence.field))
        this.divergences.push(divergence);
    },
  };

  ports(): WebhookPorts {
    return {
      dealQuotes: this.dealQuotes,
      catalog: this.catalog,
      dealStages: this.dealStages,
      divergences: this.divergencePort,
      hubspot: this.hubspot,
    };
  }
}
