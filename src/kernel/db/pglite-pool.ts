import type { PGlite, Results } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * PGlite is one PostgreSQL backend in-process: a single connection. Kysely sends BEGIN/COMMIT as
 * ordinary statements, so two logical "connections" interleaving on it would leak statements into
 * each other's transactions. This pool hands out the one connection to one holder at a time (a
 * FIFO mutex); pg-boss goes through the same pool. Code that holds the connection must not ask
 * for another one (use the transaction object you were given) or it waits forever.
 */
export interface PglitePool extends PostgresPool {
  /** Runs SQL on the connection once it is free. Multi-statement SQL without parameters uses exec. */
  executeSql(text: string, values?: readonly unknown[]): Promise<{ rows: unknown[] } | Array<{ rows: unknown[] }>>;
  /** Waits for the connection and holds it until the returned release is called (the socket gate). */
  lease(): Promise<() => void>;
}

type QueryCommand = PostgresQueryResult<unknown>['command'];

/** The part of PGlite the pool uses (the test harness passes a PGlite shared by several test files). */
export type PgliteSession = Pick<PGlite, 'exec' | 'query' | 'close' | 'closed'>;

/** Hands out the one session; resolves to the function that gives it back. */
export type SessionLock = () => Promise<() => void>;

function createFifoLock(): SessionLock {
  let tail: Promise<void> = Promise.resolve();
  return async () => {
    let release!: () => void;
    const previous = tail;
    tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    return release;
  };
}

function toQueryResult<R>(result: Results<R>): PostgresQueryResult<R> {
  return {
    command: (result.command ?? 'SELECT') as QueryCommand,
    rowCount: result.affectedRows ?? result.rows.length,
    rows: result.rows,
  };
}

/** `acquire` defaults to a FIFO lock of this pool's own; pass one to share a session between pools. */
export function createPglitePool(pglite: PgliteSession, acquire: SessionLock = createFifoLock()): PglitePool {
  async function run<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    if (parameters.length === 0) {
      // exec = simple protocol: allows several statements; Kysely wants the last result.
      const results = await pglite.exec(sql);
      const last = results[results.length - 1];
      return last ? toQueryResult(last as Results<R>) : { command: 'SELECT', rowCount: 0, rows: [] };
    }
    return toQueryResult(await pglite.query<R>(sql, [...parameters]));
  }

  const pool: PglitePool = {
    options: {},
    lease: acquire,
    async connect(): Promise<PostgresPoolClient> {
      const release = await acquire();
      let released = false;
      const client = {
        query: <R>(sql: string, parameters: readonly unknown[]) => run<R>(sql, parameters),
        release: () => {
          if (!released) {
            released = true;
            release();
          }
        },
      };
      return client as PostgresPoolClient;
    },
    async end(): Promise<void> {
      const release = await acquire();
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
    async executeSql(text, values = []) {
      const release = await acquire();
      try {
        if (values.length === 0) return await pglite.exec(text);
        return await pglite.query(text, [...values]);
      } finally {
        release();
      }
    },
  };
  return pool;
}
