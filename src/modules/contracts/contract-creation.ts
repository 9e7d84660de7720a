import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { readAccountPricing, readQuote } from '../quotes/index.ts';
import { recordAudit } from '../tenancy/index.ts';
import { planContractFromQuote } from './domain/contract-from-quote.ts';
import type { ContractTrigger } from './contracts-tables.ts';
import { contractWriteRepository as repo } from './contract-write-repository.ts';

export interface ContractCreationInput {
  portalId: PortalId;
  quoteId: string;
  trigger: ContractTrigger;
  /** When the quote was accepted or the deal won (ISO instant); its UTC date starts the contract. */
  occurredAt: string;
}

export type ContractCreationOutcome =
  | { outcome: 'created'; contractId: string }
  | { outcome: 'exists'; contractId: string }
  | { outcome: 'skipped'; reason: 'quote-not-found' | 'no-contractable-lines' };

/**
 * Creates the order and the contract of an accepted (or won) quote: exactly one of each per quote.
 * One transaction holds every write, the audit row and the `contract.created` outbox job, so a
 * crash leaves all or nothing. The order's unique (portal_id, quote_id) with ON CONFLICT DO NOTHING
 * is the gate: a duplicate or racing event finds the first one's contract and writes nothing.
 */
export async function createContractFromQuote(
  db: Kysely<DatabaseSchema>,
  events: Pick<DomainEvents, 'publish'>,
  input: ContractCreationInput,
): Promise<ContractCreationOutcome> {
  const { portalId, quoteId } = input;
  const startDate = new Date(input.occurredAt).toISOString().slice(0, 10);
  return db.transaction().execute(async (trx): Promise<ContractCreationOutcome> => {
    const existing = await repo.contractIdForQuote(trx, portalId, quoteId);
    if (existing !== undefined) return { outcome: 'exists', contractId: existing };
    const quote = await readQuote(trx, portalId, quoteId);
    if (quote === undefined) return { outcome: 'skipped', reason: 'quote-not-found' };
    const plan = planContractFromQuote(quote, startDate);
    if (plan.lines.length === 0) return { outcome: 'skipped', reason: 'no-contractable-lines' };
    const account = quote.companyId === null ? undefined : await readAccountPricing(trx, portalId, quote.companyId);

    const orderId = await repo.insertOrderOnce(trx, portalId, {
      id: randomUUID(),
      quoteId,
      dealId: quote.dealId,
      companyId: quote.companyId,
      currency: quote.currency,
      orderDate: startDate,
      netTotal: plan.netTotal,
      trigger: input.trigger,
    });
    if (orderId === undefined) {
      // A racing event committed first (we waited on its row lock): its contract is the one.
      const winner = await repo.contractIdForQuote(trx, portalId, quoteId);
      if (winner !== undefined) return { outcome: 'exists', contractId: winner };
      throw new Error(`order of quote ${quoteId} exists without a contract`);
    }
    const contractId = randomUUID();
    await repo.insertContract(trx, portalId, {
      id: contractId,
      number: await repo.nextNumber(trx, portalId),
      orderId,
      quoteId,
      dealId: quote.dealId,
      companyId: quote.companyId,
      currency: quote.currency,
      startDate: plan.startDate,
      endDate: plan.endDate,
      renewalGroup: null,
      renewalPricing: account?.renewalPricingMethod ?? 'same',
      upliftPercent: account?.upliftPercent ?? null,
      renewedFromId: null,
    });
    const lines = plan.lines.map((line, position) => ({ ...line, id: randomUUID(), position }));
    await repo.insertOrderItems(
      trx,
      portalId,
      orderId,
      lines.map((line) => ({ ...line, lineId: line.sourceLineId })),
    );
    await repo.insertLines(trx, portalId, contractId, lines);
    await repo.appendSegments(
      trx,
      portalId,
      contractId,
      lines.map((line) => ({
        id: randomUUID(),
        lineId: line.id,
        quantity: line.quantity,
        startDate: line.startDate,
        endDate: line.endDate,
        netUnitPrice: line.netUnitPrice,
        netAmount: line.netTotal,
        sourceQuoteId: quoteId,
      })),
    );
    await recordAudit(trx, portalId, {
      actorKind: input.trigger === 'deal.closed-won' ? 'hubspot' : 'system',
      action: 'contract.created',
      entityType: 'contract',
      entityId: contractId,
      details: { quoteId, orderId, trigger: input.trigger, lines: lines.length },
    });
    await events.publish('contract.created', { portalId, contractId }, { trx });
    // TODO(quote status machine): mark the quote `contracted` here, in this transaction, through
    // src/modules/quotes/index.ts once the lifecycle branch adds that function (not in this branch).
    return { outcome: 'created', contractId };
  });
}
