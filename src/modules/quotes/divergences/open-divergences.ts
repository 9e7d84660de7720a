import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';

/** An open divergence as the card API shows it (extensions/app/cards/api/card-api-schemas.ts). */
export interface DivergenceView {
  id: number;
  field: 'amount' | 'line_items' | 'dealstage';
  quoteId: string | null;
  hubspotValue: string | null;
  appValue: string | null;
  /** ISO time HubSpot reported the change. */
  occurredAt: string;
}

/** Most open divergences one deal shows; older ones stay in the table. */
const LIMIT = 20;

/**
 * Reads and resolves rows of `quote_divergences` (written by the webhook handlers). Open = not
 * resolved; newest first.
 */
export function divergenceQueries(db: Kysely<DatabaseSchema>) {
  return {
    async openForDeal(portalId: PortalId, dealId: string): Promise<DivergenceView[]> {
      const rows = await db
        .selectFrom('quote_divergences')
        .select(['id', 'field', 'quote_id', 'hubspot_value', 'app_value', 'occurred_at'])
        .where('portal_id', '=', portalId)
        .where('deal_id', '=', dealId)
        .where('resolved_at', 'is', null)
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(LIMIT)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        field: r.field,
        quoteId: r.quote_id,
        hubspotValue: r.hubspot_value,
        appValue: r.app_value,
        occurredAt: new Date(Number(r.occurred_at)).toISOString(),
      }));
    },
    /** Marks one open divergence resolved; false when the portal has no such open divergence. */
    async resolve(portalId: PortalId, id: number, at: Date): Promise<boolean> {
      const updated = await db
        .updateTable('quote_divergences')
        .set({ resolved_at: at })
        .where('portal_id', '=', portalId)
        .where('id', '=', id)
        .where('resolved_at', 'is', null)
        .returning('id')
        .execute();
      return updated.length > 0;
    },
  };
}
