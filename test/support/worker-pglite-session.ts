import type { PGlite, Results } from '@electric-sql/pglite';
import type { PgliteSession, SessionLock } from '../../src/kernel/db/pglite-pool.ts';

/** What worker-pglite-environment.js puts on the test file's global (absent under another environment). */
export interface WorkerPglite {
  pglite(): Promise<PGlite>;
  acquire: SessionLock;
  session: { searchPath: string | undefined };
  readonly generation: number;
}

declare global {
  var __cpqWorkerPglite: WorkerPglite | undefined;
}

export function workerPglite(): WorkerPglite | undefined {
  return globalThis.__cpqWorkerPglite;
}

/**
 * The worker's PGlite lives in the Jest environment's realm, outside this test file's VM context: its
 * results are built from that realm's Object, Array and Date (so `instanceof Date`, zod's date checks
 * and `toStrictEqual` would fail on them) and its errors are not `instanceof Error` here. Rows are
 * copied into this realm; errors are re-created here with the same fields (code, detail, constraint).
 */
function intoThisRealm<T>(value: T): T {
  return copyIntoThisRealm(value) as T;
}

function copyIntoThisRealm(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (value instanceof Date || value instanceof Error) return value;
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Date]') return new Date(Date.prototype.getTime.call(value));
  if (Array.isArray(value)) return value.map(copyIntoThisRealm);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyIntoThisRealm(item)]));
}

function errorIntoThisRealm(error: unknown): unknown {
  if (error instanceof Error || typeof error !== 'object' || error === null) return error;
  const fields: Record<string, unknown> = { ...error };
  const message = Reflect.get(error, 'message');
  const copy = new Error(typeof message === 'string' ? message : String(error));
  Object.assign(copy, fields);
  const name = Reflect.get(error, 'name');
  if (typeof name === 'string') copy.name = name;
  const stack = Reflect.get(error, 'stack');
  if (typeof stack === 'string') copy.stack = stack;
  return copy;
}

/** Dates of this realm are not `instanceof Date` for PGlite's serializers: send them as ISO text. */
function parameterForPglite(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid schema name ${name}`);
  return `"${name}"`;
}

/**
 * A session on the worker's PGlite that runs with `schema` first on the search_path (set again
 * whenever another schema used the session last). It refuses work once its test file has ended or
 * once `close` was called, so a query a finished file left behind can never reach the next file's
 * tables. Callers hold the worker's lock (createPglitePool takes `worker.acquire`).
 */
export function workerPgliteSession(worker: WorkerPglite, pglite: PGlite, schema: string): PgliteSession {
  const generation = worker.generation;
  let closed = false;

  async function ready(): Promise<void> {
    if (closed) throw new Error(`test database ${schema} is closed`);
    if (worker.generation !== generation) throw new Error(`test database ${schema} belongs to a finished test file`);
    if (worker.session.searchPath === schema) return;
    await pglite.exec(`set search_path to ${quoteIdent(schema)}`);
    worker.session.searchPath = schema;
  }

  async function inRealm<T>(work: () => Promise<T>): Promise<T> {
    try {
      await ready();
      return await work();
    } catch (error) {
      throw errorIntoThisRealm(error);
    }
  }

  return {
    get closed() {
      return closed;
    },
    async close() {
      closed = true;
    },
    exec: (query, options) => inRealm(async () => intoThisRealm(await pglite.exec(query, options))),
    query: <T>(query: string, params?: unknown[], options?: Parameters<PGlite['query']>[2]): Promise<Results<T>> =>
      inRealm(async () => intoThisRealm(await pglite.query<T>(query, params?.map(parameterForPglite), options))),
  };
}
