// The quotes module's public surface (other modules, the CLI and the composition root import only this file).
export { quotesModule } from './quotes-module.ts';
export { createQuoteSyncSource } from './quote-sync-source.ts';
export { accountRowsFromCsv, importAccountPricing } from './account-pricing-import.ts';
export { accountPricingRepository } from './account-pricing-repository.ts';
export { createDivergenceStore } from './divergences/divergence-store.ts';
export { createQuoteModelAdapter } from './webhooks/quote-model-adapter.ts';
export { handleLineItemEvent, recordLineItemDivergence } from './webhooks/line-item-event-handler.ts';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { accountPricingRepository } from './account-pricing-repository.ts';
import type { AccountPricing, QuoteRecord } from './quote-record.ts';
import { quoteRepository } from './quote-repository.ts';

export type { QuoteRecord, StoredQuoteLine, QuoteSettings, AccountPricing } from './quote-record.ts';

/** A quote as another module reads it (contracts: the accepted quote to contract). Archived quotes included. */
export function readQuote(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  quoteId: string,
): Promise<QuoteRecord | undefined> {
  return quoteRepository.get(db, portalId, quoteId, { includeArchived: true });
}

/** The deal's primary quote id, if it has one (contracts: contracting on closed-won). */
export function readPrimaryQuoteId(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  dealId: string,
): Promise<string | undefined> {
  return quoteRepository.primaryIdForDeal(db, portalId, dealId);
}

/** The company's account pricing (renewal method and uplift included), if any. */
export async function readAccountPricing(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  companyId: string,
): Promise<AccountPricing | undefined> {
  return (await accountPricingRepository.get(db, portalId, companyId))?.pricing;
}
