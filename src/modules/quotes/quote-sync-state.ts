import type { SyncState } from '../../../extensions/app/cards/api/card-api-schemas.ts';
import type { Database } from '../../kernel/db/open-database.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { QUOTE_SYNC_QUEUE } from '../../integrations/hubspot/index.ts';

export type QuoteSyncStateReader = (portalId: PortalId, quoteId: string) => Promise<SyncState>;

/**
 * Last sync state of a quote for the sidebar card. A pending job wins (queued / syncing: the
 * sync engine has not written the newest change yet); otherwise the sync engine's own record
 * (`hubspot_quote_sync`: synced / failed); otherwise 'none'.
 */
export function createSyncStateReader(database: Pick<Database, 'db' | 'executor' | 'jobSchema'>): QuoteSyncStateReader {
  return async (portalId, quoteId) => {
    const jobs = await database.executor.executeSql(
      `select state, coalesce(started_on, created_on) as at from ${database.jobSchema}.job
        where name = $1 and singleton_key = $2 and state in ('created', 'retry', 'active') order by created_on desc limit 1`,
      [QUOTE_SYNC_QUEUE, `${portalId}:${quoteId}`],
    );
    const job = jobs.rows[0] as { state: string; at: Date | string } | undefined;
    if (job) return { state: job.state === 'active' ? 'syncing' : 'queued', at: new Date(job.at).toISOString() };
    const record = await database.db
      .selectFrom('hubspot_quote_sync')
      .select(['status', 'synced_at', 'updated_at'])
      .where('portal_id', '=', portalId)
      .where('quote_id', '=', quoteId)
      .executeTakeFirst();
    if (!record) return { state: 'none', at: null };
    const state = record.status === 'failed' ? 'failed' : record.status === 'pending' ? 'queued' : 'synced';
    return { state, at: (record.synced_at ?? record.updated_at).toISOString() };
  };
}
