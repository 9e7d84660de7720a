import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { DivergencePort } from '../../../integrations/hubspot/index.ts';

/**
 * Divergences between HubSpot's deal and the app's primary quote, kept in `quote_divergences`
 * (neither side is overwritten; the quote card surfaces open ones). Recording is idempotent per
 * revealing inbox event.
 */
export function createDivergenceStore(db: Kysely<DatabaseSchema>): DivergencePort {
  return {
    async record(portalId, divergence) {
      await db
        .insertInto('quote_divergences')
        .values({
          portal_id: portalId,
          deal_id: divergence.dealId,
          quote_id: divergence.quoteId,
          field: divergence.field,
          hubspot_value: divergence.hubspotValue,
          app_value: divergence.appValue,
          occurred_at: divergence.occurredAt,
          inbox_id: divergence.inboxId,
          details: JSON.stringify(divergence.details),
        })
        .onConflict((oc) => oc.columns(['portal_id', 'inbox_id', 'field']).doNothing())
        .execute();
    },
  };
}
