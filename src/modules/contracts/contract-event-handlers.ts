import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId } from '../../kernel/db/portal-id.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { DOMAIN_EVENT_SCHEMAS } from '../../kernel/jobs/domain-event-payloads.ts';
import { readPrimaryQuoteId } from '../quotes/index.ts';
import { createContractFromQuote, type ContractCreationOutcome } from './contract-creation.ts';
import { CONTRACTS_ERROR_CODES } from './contracts-error-codes.ts';
import { contractSettingsRepository } from './contract-settings-repository.ts';

export const QUOTE_ACCEPTED_QUEUE = 'contracts.quote-accepted';
export const DEAL_CLOSED_WON_QUEUE = 'contracts.deal-closed-won';

interface HandlerDeps {
  db: Kysely<DatabaseSchema>;
  events: Pick<DomainEvents, 'publish'>;
}

/** `quote.accepted` (job data read back from the queue, so parsed): contract the quote. */
export async function onQuoteAccepted(deps: HandlerDeps, data: unknown): Promise<ContractCreationOutcome> {
  const event = parseInput(DOMAIN_EVENT_SCHEMAS['quote.accepted'], data, CONTRACTS_ERROR_CODES.CONTRACT_EVENT_INVALID);
  return createContractFromQuote(deps.db, deps.events, {
    portalId: toPortalId(event.portalId),
    quoteId: event.quoteId,
    trigger: 'quote.accepted',
    occurredAt: event.acceptedAt,
  });
}

/**
 * `deal.closed-won`: contract the deal's primary quote, only where the portal contracts without
 * waiting for acceptance (contract setting `contractOnClosedWon`). A racing `quote.accepted` for
 * the same quote ends in the same single contract.
 */
export async function onDealClosedWon(
  deps: HandlerDeps,
  data: unknown,
): Promise<ContractCreationOutcome | { outcome: 'skipped'; reason: 'setting-off' | 'no-primary-quote' }> {
  const event = parseInput(DOMAIN_EVENT_SCHEMAS['deal.closed-won'], data, CONTRACTS_ERROR_CODES.CONTRACT_EVENT_INVALID);
  const portalId = toPortalId(event.portalId);
  const settings = await contractSettingsRepository.get(deps.db, portalId);
  if (!settings.contractOnClosedWon) return { outcome: 'skipped', reason: 'setting-off' };
  const quoteId = await readPrimaryQuoteId(deps.db, portalId, event.dealId);
  if (quoteId === undefined) return { outcome: 'skipped', reason: 'no-primary-quote' };
  return createContractFromQuote(deps.db, deps.events, {
    portalId,
    quoteId,
    trigger: 'deal.closed-won',
    occurredAt: event.occurredAt,
  });
}
