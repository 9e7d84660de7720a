import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { Database } from '../../../kernel/db/open-database.ts';

/**
 * Serializes the syncs that write one HubSpot deal (its line items and amount): two quotes of a
 * deal switching primary at the same moment must not interleave their deal writes
 * (docs/hubspot-sync.md "Per-deal write ordering").
 */
export interface DealSyncLock {
  /** Runs `work` while holding every listed deal of the portal (taken in sorted order: no deadlock). */
  withDeals<T>(portalId: number, dealIds: readonly string[], work: () => Promise<T>): Promise<T>;
}

function lockKey(portalId: number, dealId: string): string {
  // Not the quote service's `quote-deal:` key: an API call must never wait for HubSpot calls.
  return `hubspot-deal-sync:${portalId}:${dealId}`;
}

/** In-process keyed mutex: waiters of one key run one after the other, in arrival order. */
export function createInProcessDealLock(): DealSyncLock {
  const tails = new Map<string, Promise<void>>();
  async function withKey<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  }
  return {
    withDeals(portalId, dealIds, work) {
      const keys = [...new Set(dealIds.filter((id) => id !== '').map((id) => lockKey(portalId, id)))].sort();
      function run<R>(index: number, inner: () => Promise<R>): Promise<R> {
        const key = keys[index];
        return key === undefined ? inner() : withKey(key, () => run(index + 1, inner));
      }
      return run(0, work);
    },
  };
}

/**
 * PostgreSQL: the in-process mutex, then a session advisory lock per deal on one reserved pool
 * connection, so syncs in other processes wait too. A session lock (not a transaction-scoped one)
 * because the sync's own reads and writes run on other connections between HubSpot calls and must
 * commit as they go; if the process dies the connection closes and PostgreSQL releases the lock.
 * PGlite has a single connection and a single process: the in-process mutex is the whole lock
 * (reserving the connection would starve the sync's own queries).
 */
export function createDealSyncLock(database: Pick<Database, 'kind' | 'db'>): DealSyncLock {
  const local = createInProcessDealLock();
  if (database.kind !== 'postgres') return local;
  const db: Kysely<DatabaseSchema> = database.db;
  return {
    withDeals(portalId, dealIds, work) {
      const keys = [...new Set(dealIds.filter((id) => id !== '').map((id) => lockKey(portalId, id)))].sort();
      return local.withDeals(portalId, dealIds, () =>
        db.connection().execute(async (connection) => {
          for (const key of keys) await sql`select pg_advisory_lock(hashtextextended(${key}, 0))`.execute(connection);
          try {
            return await work();
          } finally {
            for (const key of keys)
              await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(connection);
          }
        }),
      );
    },
  };
}
