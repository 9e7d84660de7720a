// The quotes module's public surface (other modules, the CLI and the composition root import only this file).
export { quotesModule } from './quotes-module.ts';
export { createQuoteSyncSource } from './quote-sync-source.ts';
export { accountRowsFromCsv, importAccountPricing } from './account-pricing-import.ts';
export { accountPricingRepository } from './account-pricing-repository.ts';
export { createDivergenceStore } from './divergences/divergence-store.ts';
export { createQuoteModelAdapter } from './webhooks/quote-model-adapter.ts';
export { handleLineItemEvent, recordLineItemDivergence } from './webhooks/line-item-event-handler.ts';
