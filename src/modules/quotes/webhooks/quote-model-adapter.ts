import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';
import type { JobQueue } from '../../../kernel/jobs/job-queue.ts';
import { quoteRepository } from '../quote-repository.ts';
import { recordAudit } from '../../tenancy/index.ts';
import { QUOTE_SYNC_QUEUE, type QuoteSyncJob } from '../../../integrations/hubspot/index.ts';
import type { DealQuotesPort } from '../../../integrations/hubspot/index.ts';

/**
 * DealQuotesPort over the quote-builder's `quotes` table, inside the webhook processing
 * transaction (the quote service opens its own transactions, which would not commit with the
 * inbox status and, on PGlite's single connection, would wait forever). Like the service, every
 * change bumps the revision, writes an audit row (actor `hubspot`) and enqueues the quote's sync
 * (same singleton key as src/modules/quotes/quote-service.ts).
 */
export function createQuoteModelAdapter(trx: Kysely<DatabaseSchema>, jobs: JobQueue): DealQuotesPort {
  async function audit(
    portalId: PortalId,
    action: string,
    quoteId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(trx, portalId, { actorKind: 'hubspot', action, entityType: 'quote', entityId: quoteId, details });
  }
  async function enqueueSync(portalId: PortalId, quoteId: string): Promise<void> {
    await jobs.send<QuoteSyncJob>(
      QUOTE_SYNC_QUEUE,
      { portalId, quoteId },
      { trx, singletonKey: `${portalId}:${quoteId}` },
    );
  }
  return {
    /** The deal's accepted quote (primary first): the closed-won stage is explained by it. */
    async markPrimaryAcceptedQuoteWon(portalId, dealId, occurredAt) {
      const row = await trx
        .selectFrom('quotes')
        .select(['id', 'status'])
        .where('portal_id', '=', portalId)
        .where('deal_id', '=', dealId)
        .where('archived', '=', false)
        .where('status', 'in', ['accepted', 'contracted'])
        .orderBy('is_primary', 'desc')
        .orderBy('status_changed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      await audit(portalId, 'quote.deal-closed-won', row.id, { dealId, status: row.status, occurredAt });
      return row.id;
    },
    async archiveForDeal(portalId, dealId) {
      const quotes = await quoteRepository.listForDeal(trx, portalId, dealId);
      for (const quote of quotes) {
        await quoteRepository.archive(trx, portalId, quote.id, quote.revision + 1);
        await audit(portalId, 'quote.archived', quote.id, {
          revision: quote.revision + 1,
          wasPrimary: quote.isPrimary,
          reason: 'deal deleted in HubSpot',
          dealId,
        });
        if (quote.isPrimary) await enqueueSync(portalId, quote.id);
      }
      return quotes.length;
    },
    async repointDeal(portalId, fromDealId, toDealId) {
      const moving = await quoteRepository.listForDeal(trx, portalId, fromDealId);
      // One primary per deal: the surviving deal's primary stays primary.
      const survivorHasPrimary = (await quoteRepository.primaryIdForDeal(trx, portalId, toDealId)) !== undefined;
      for (const quote of moving) {
        const isPrimary = quote.isPrimary && !survivorHasPrimary;
        await trx
          .updateTable('quotes')
          .set({ deal_id: toDealId, is_primary: isPrimary, revision: quote.revision + 1, updated_at: sql`now()` })
          .where('portal_id', '=', portalId)
          .where('id', '=', quote.id)
          .execute();
        await audit(portalId, 'quote.repointed', quote.id, {
          revision: quote.revision + 1,
          fromDealId,
          toDealId,
          isPrimary,
          reason: 'deals merged in HubSpot',
        });
        if (quote.isPrimary) await enqueueSync(portalId, quote.id);
      }
      return moving.length;
    },
    async primaryQuote(portalId, dealId) {
      const quote = (await quoteRepository.listForDeal(trx, portalId, dealId)).find((q) => q.isPrimary);
      return quote ? { quoteId: quote.id, netTotal: quote.netTotal, lineCount: quote.lineCount } : undefined;
    },
    // Read-only look at the quote sync's mapping (src/integrations/hubspot/sync owns the table and its writes).
    async isAppLineItem(portalId, lineItemId) {
      const row = await trx
        .selectFrom('hubspot_line_item_map')
        .select('quote_id')
        .where('portal_id', '=', portalId)
        .where('hubspot_line_item_id', '=', lineItemId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
