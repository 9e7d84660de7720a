import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { ATTRIBUTION_ERROR_CODES } from './attribution-error-codes.ts';
import { attributionRepository, type DealFacts } from './attribution-repository.ts';

/**
 * Where a deal's amounts come from. The composition root implements it with the quotes (primary
 * quote net total), contracts (contract value) and billing (invoiced, collected) modules' public
 * reads; attribution never queries their tables.
 */
export interface DealAmountsPort {
  /** The deal's current facts, or null when the app knows nothing of the deal. */
  factsFor(portalId: PortalId, dealId: string): Promise<Omit<DealFacts, 'dealId'> | null>;
  /** The deal a contract was made from (contract and invoice events name only the contract). */
  dealOfContract(portalId: PortalId, contractId: string): Promise<string | null>;
}

export const ATTRIBUTION_FACTS_QUEUE = 'attribution.deal-facts';

/** The events after which a deal's amounts may have changed. */
export const ATTRIBUTION_FACT_EVENTS = [
  'quote.accepted',
  'deal.closed-won',
  'contract.created',
  'contract.amended',
  'invoice.issued',
  'invoice.paid',
  'invoice.voided',
] as const;

const FactsJob = z.union([
  z.object({ portalId: z.number().int().positive(), dealId: z.string().min(1).max(100) }),
  z.object({ portalId: z.number().int().positive(), contractId: z.string().min(1).max(100) }),
]);

/**
 * Recomputes a deal's stored facts from their sources (read first, outside any transaction), then
 * writes absolute values: a job that runs twice, or is killed and retried, ends with the same row.
 */
export async function refreshDealFacts(
  db: Kysely<DatabaseSchema>,
  amounts: DealAmountsPort,
  job: unknown,
): Promise<'refreshed' | 'unknown-deal'> {
  const parsed = parseInput(FactsJob, job, ATTRIBUTION_ERROR_CODES.storedDataInvalid);
  const portalId = toPortalId(parsed.portalId);
  const dealId = 'dealId' in parsed ? parsed.dealId : await amounts.dealOfContract(portalId, parsed.contractId);
  if (dealId === null) return 'unknown-deal';
  const facts = await amounts.factsFor(portalId, dealId);
  if (facts === null) return 'unknown-deal';
  await attributionRepository.upsertDealFacts(db, portalId, { dealId, ...facts });
  return 'refreshed';
}
