import type { PortalId } from '../../../kernel/db/portal-id.ts';

/**
 * The seam between the quote model (quote-builder issue) and the HubSpot sync engine (sync issue).
 * The quote side enqueues `{ portalId, quoteId }` on QUOTE_SYNC_QUEUE in the same transaction as
 * the change (outbox) and implements QuoteSyncSource; the sync side reads the snapshot when the
 * job runs (so it always writes the newest state) and writes deal line items, the deal amount and
 * a HubSpot quote with its own line-item copies. Decimals are strings.
 */
export const QUOTE_SYNC_QUEUE = 'hubspot.sync.quote';

export interface QuoteSyncJob {
  portalId: number;
  quoteId: string;
}

export interface QuoteSyncLine {
  /** Stable id of the quote line: the key of the line-item mapping. */
  lineKey: string;
  sku: string;
  name: string;
  /** HubSpot product id when the catalog entry mirrors a HubSpot product. */
  hubspotProductId: string | null;
  quantity: string;
  /** Net unit price (HubSpot line item `price`, must be >= 0). */
  netUnitPrice: string;
  /** Rounded net line total. */
  netTotal: string;
  /** ISO-8601 period such as `P12M` for recurring lines, else null. */
  recurringBillingPeriod: string | null;
}

export interface QuoteSyncSnapshot {
  portalId: PortalId;
  quoteId: string;
  /** HubSpot deal id the quote belongs to. */
  dealId: string;
  /** Increases with every saved change; the sync never writes an older revision over a newer one. */
  revision: number;
  isPrimary: boolean;
  title: string;
  currency: string;
  /** YYYY-MM-DD */
  expirationDate: string;
  netTotal: string;
  lines: QuoteSyncLine[];
  contactIds: string[];
  companyIds: string[];
  /** Archived quotes are removed from HubSpot by the sync. */
  archived: boolean;
}

export interface QuoteSyncSource {
  load(portalId: PortalId, quoteId: string): Promise<QuoteSyncSnapshot | undefined>;
}
