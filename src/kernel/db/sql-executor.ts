import { CompiledQuery, type Kysely, type Transaction } from 'kysely';

/** The `{ executeSql }` shape pg-boss accepts as its `db` (constructor or per-call option). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs pg-boss's SQL on a Kysely transaction, so a job row is written in the same transaction as
 * the data change that caused it (outbox): both commit or neither does.
 */
export function executorForTransaction<DB>(trx: Transaction<DB> | Kysely<DB>): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: [...result.rows] };
    },
  };
}
