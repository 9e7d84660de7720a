import type { PortalId } from '../../../kernel/db/portal-id.ts';

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
  /** Whether the quote sync wrote this HubSpot line item (its mapping table knows it). */
  isAppLineItem(portalId: PortalId, lineItemId: string): Promise<boolean>;
}

export interface ProductFields {
  name?: string;
  sku?: string;
  /** Decimal string, the product's `price` in the portal's company currency. */
  price?: string;
  /** Decimal strings per ISO currency, from HubSpot's multi-currency `hs_price_<currency>` properties. */
  prices?: Record<string, string>;
}

/** A new catalog entry built from a HubSpot product (see product-event-handler.ts for the rules). */
export interface CatalogEntryFromHubSpot {
  sku: string;
  name: string;
  /** Decimal strings per ISO currency. */
  prices: Record<string, string>;
}

export interface CatalogPort {
  /** `not-linked`: no catalog entry mirrors this HubSpot product; `ambiguous-price`: price without a currency for a multi-currency entry. */
  upsertFromHubSpotProduct(
    portalId: PortalId,
    hubspotProductId: string,
    fields: ProductFields,
  ): Promise<'created' | 'updated' | 'unchanged' | 'not-linked' | 'ambiguous-price'>;
  /** Creates the catalog entry linked to the HubSpot product; `sku-taken` when another entry has that SKU (nothing changes). */
  createFromHubSpotProduct(
    portalId: PortalId,
    hubspotProductId: string,
    entry: CatalogEntryFromHubSpot,
  ): Promise<'created' | 'sku-taken'>;
  /** Returns whether a catalog entry was removed. */
  removeByHubSpotId(portalId: PortalId, hubspotProductId: string): Promise<boolean>;
}

/** A HubSpot product as read through the portal's client. */
export interface HubSpotProductSnapshot {
  id: string;
  name: string | null;
  sku: string | null;
  /** Decimal string in the portal's company currency, or null. */
  price: string | null;
}

/** Reads from HubSpot through the per-portal client (its limiter and retries). */
export interface HubSpotLookupPort {
  /** The portal's company currency (ISO code), the currency of a bare product `price`. */
  companyCurrency(portalId: PortalId): Promise<string>;
  /** The product's name, hs_sku and price; undefined when HubSpot no longer has it (404). */
  product(portalId: PortalId, productId: string): Promise<HubSpotProductSnapshot | undefined>;
  /** The deals a line item is associated with (v4 associations line_items -> deals); [] when it is gone. */
  lineItemDealIds(portalId: PortalId, lineItemId: string): Promise<string[]>;
}

export interface DealStagesPort {
  /** Closed-won per the portal's pipeline settings (pipeline unknown = search every pipeline). */
  isClosedWon(portalId: PortalId, pipelineId: string | null, stageId: string): Promise<boolean>;
}

/** The deal field that diverged (the quotes module stores it in quote_divergences.field). */
export type DivergenceField = 'amount' | 'line_items' | 'dealstage';

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

/** The install module's side of app lifecycle events (src/modules/tenancy/customer-uninstall-events.ts). */
export interface InstallLifecyclePort {
  customerUninstalled(portalId: PortalId): Promise<'uninstalled' | 'already-uninstalled'>;
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
  /** Absent = HubSpot is not read while processing (unlinked products and line items are then ignored). */
  hubspot?: HubSpotLookupPort;
  /** Absent = app uninstall events are acknowledged as `port-not-wired` (uninstall then noticed at the next refresh). */
  installs?: InstallLifecyclePort;
}
