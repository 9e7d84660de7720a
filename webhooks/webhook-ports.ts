import type { PortalId } from '../src/db/portal-id.ts';
import type { DivergenceField } from '../src/db/tables/webhooks-tables.ts';

/**
 * What the event handlers need from the rest of the app. The quote model and catalog belong to
 * the quote-builder module; these ports are the seam, implemented over its tables by adapters and
 * by in-memory fakes in tests. Each port instance is bound to the processing transaction, so an
 * event's effects and its inbox status commit together (exactly-once effects).
 */
export interface PrimaryQuoteView {
  quoteId: string;
  /** Decimal string. */
  netTotal: string;
  lineCount: number;
}

export interface DealQuotesPort {
  /** Marks the deal's primary accepted quote won; returns its id, or undefined when there is none. */
  markPrimaryAcceptedQuoteWon(portalId: PortalId, dealId: string, occurredAt: number): Promise<string | undefined>;
  /** Archives every quote of a deleted deal; returns how many changed. */
  archiveForDeal(portalId: PortalId, dealId: string): Promise<number>;
  /** Moves the quotes of a merged-away deal to the surviving deal; returns how many moved. */
  repointDeal(portalId: PortalId, fromDealId: string, toDealId: string): Promise<number>;
  primaryQuote(portalId: PortalId, dealId: string): Promise<PrimaryQuoteView | undefined>;
}

export interface ProductFields {
  name?: string;
  sku?: string;
  /** Decimal string, the product's `price` in the portal's company currency. */
  price?: string;
}

export interface CatalogPort {
  /** `not-linked`: no catalog entry mirrors this HubSpot product; `ambiguous-price`: price without a currency for a multi-currency entry. */
  upsertFromHubSpotProduct(portalId: PortalId, hubspotProductId: string, fields: ProductFields): Promise<'created' | 'updated' | 'unchanged' | 'not-linked' | 'ambiguous-price'>;
  /** Returns whether a catalog entry was removed. */
  removeByHubSpotId(portalId: PortalId, hubspotProductId: string): Promise<boolean>;
}

export interface DealStagesPort {
  /** Closed-won per the portal's pipeline settings (pipeline unknown = search every pipeline). */
  isClosedWon(portalId: PortalId, pipelineId: string | null, stageId: string): Promise<boolean>;
}

export interface DivergenceRecord {
  dealId: string;
  quoteId: string | null;
  field: DivergenceField;
  hubspotValue: string | null;
  appValue: string | null;
  occurredAt: number;
  inboxId: number;
  details: Record<string, unknown>;
}

export interface DivergencePort {
  record(portalId: PortalId, divergence: DivergenceRecord): Promise<void>;
}

/**
 * The ports for one processing transaction. `dealQuotes`/`catalog` are absent until the quote
 * model's adapters are wired: events that need them are then ignored with outcome
 * `port-not-wired` (re-drivable later with `cpq webhooks retry`).
 */
export interface WebhookPorts {
  dealQuotes?: DealQuotesPort;
  catalog?: CatalogPort;
  dealStages: DealStagesPort;
  divergences: DivergencePort;
}
