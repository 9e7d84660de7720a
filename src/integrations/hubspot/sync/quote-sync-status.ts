import type { Kysely } from 'kysely';
import type { DatabaseSchema, QuoteSyncStatus } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';

/** What the quote summary card shows about a quote's HubSpot sync. */
export interface QuoteSyncStatusView {
  /** 'never' until the first sync job ran. */
  status: QuoteSyncStatus | 'never';
  lastSyncedRevision: number;
  lastError: string | null;
  syncedAt: string | null;
  hubspotQuoteId: string | null;
}

export async function getQuoteSyncStatus(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  quoteId: string,
): Promise<QuoteSyncStatusView> {
  const row = await db
    .selectFrom('hubspot_quote_sync')
    .select(['status', 'last_synced_revision', 'last_error', 'synced_at', 'hubspot_quote_id'])
    .where('portal_id', '=', portalId)
    .where('quote_id', '=', quoteId)
    .executeTakeFirst();
  if (!row) return { status: 'never', lastSyncedRevision: 0, lastError: null, syncedAt: null, hubspotQuoteId: null };
  return {
    status: row.status,
    lastSyncedRevision: row.last_synced_revision,
    lastError: row.last_error,
    syncedAt: row.synced_at ? new Date(row.synced_at).toISOString() : null,
    hubspotQuoteId: row.hubspot_quote_id,
  };
}
