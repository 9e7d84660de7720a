import type { SyncState } from '../../extensions/app/cards/api/card-api-schemas.ts';
import type { Database } from '../db/open-database.ts';
import type { PortalId } from '../db/portal-id.ts';
import { QUOTE_SYNC_QUEUE } from '../sync/quote-sync-contract.ts';

export type QuoteSyncStateReader = (portalId: PortalId, quoteId: string) => Promise<SyncState>;

const STATE_BY_JOB: Readonly<Record<string, SyncState['state']>> = {
  created: 'queued',
  retry: 'queued',
  active: 'syncing',
  completed: 'synced',
  failed: 'failed',
  cancelled: 'failed',
};

/**
 * Last sync state of a quote from its newest sync job (pg-boss keeps finished jobs for 7 days by
 * default; older = 'none'). A port, so the sync engine's own state table can replace it.
 */
export function createJobSyncStateReader(database: Pick<Database, 'executor' | 'jobSchema'>): QuoteSyncStateReader {
  return async (portalId, quoteId) => {
    const result = await database.executor.executeSql(
      `select state, coalesce(completed_on, started_on, created_on) as at from ${database.jobSchema}.job
        where name = $1 and singleton_key = $2 order by created_on desc limit 1`,
      [QUOTE_SYNC_QUEUE, `${portalId}:${quoteId}`],
    );
    const row = result.rows[0] as { state: string; at: Date | string } | undefined;
    if (!row) return { state: 'none', at: null };
    return { state: STATE_BY_JOB[row.state] ?? 'queued', at: new Date(row.at).toISOString() };
  };
}
