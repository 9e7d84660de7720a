// The quotes module's public surface (other modules import only this file).
export {
  QUOTE_STATUSES,
  EXPIRABLE_STATUSES,
  transition as quoteStatusTransition,
  isOpenForBuyer,
  isPastExpiry,
  type QuoteStatus,
  type QuoteStatusEvent,
  type TransitionEffects,
} from './domain/quote-status.ts';
export {
  computeQuoteFacts,
  NUMERIC_FACTS,
  SET_FACTS,
  type NumericFact,
  type SetFact,
  type QuoteFacts,
  type ProductFacts,
} from './domain/quote-facts.ts';
export {
  ApprovalEnvelopeSchema,
  EnvelopeEntrySchema,
  isNoWorse,
  isWithinEnvelope,
  type ApprovalEnvelope,
  type EnvelopeEntry,
} from './domain/approval-envelope.ts';
export {
  applyQuoteStatusEvent,
  quotesDueForExpiry,
  snapshotSha256,
  canonicalJson,
  type StatusActor,
  type StatusChange,
  type StatusChangeResult,
} from './quote-status-store.ts';
export { productFactsFor } from './quote-edit-status.ts';
export { loadQuote } from './quote-reader.ts';
export type { QuoteRecord, StoredQuoteLine, QuoteSettings } from './quote-record.ts';
