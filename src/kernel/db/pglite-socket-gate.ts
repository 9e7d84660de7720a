import type { PGlite } from '@electric-sql/pglite';

/**
 * The PGlite handed to `PGLiteSocketServer`: its socket clients and the server's own pool share one
 * backend, so a socket client must hold the pool's connection lease for as long as its unit of work
 * lasts. The socket server runs each wire message on its own (`runExclusive` per message); a unit
 * ends after a simple Query ('Q') or a Sync ('S') once no transaction block is open ("Message Flow",
 * PostgreSQL docs, "Frontend/Backend Protocol": an extended query is Parse/Bind/Execute... up to
 * Sync). Until then the server's queries wait, and no other socket client is served either:
 * reporting `isInTransaction()` as true makes the socket server's queue serve only the client that
 * holds the lease, and roll it back (our `exec('ROLLBACK')`) if that client disconnects.
 */
export function gatePgliteForSocket(pglite: PGlite, lease: () => Promise<() => void>): PGlite {
  let release: (() => void) | undefined;
  let insideExtendedQuery = false;

  async function hold(): Promise<void> {
    if (!release) release = await lease();
  }
  function releaseIfDone(): void {
    if (!release || insideExtendedQuery || (!pglite.closed && pglite.isInTransaction())) return;
    const done = release;
    release = undefined;
    done();
  }

  const overrides = {
    isInTransaction: (): boolean => release !== undefined,
    async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
      await hold();
      try {
        return await pglite.runExclusive(fn);
      } finally {
        releaseIfDone();
      }
    },
    execProtocolRawStream(message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) {
      const type = String.fromCharCode(message[0] ?? 0);
      if ('PBDEHC'.includes(type)) insideExtendedQuery = true;
      else if (type === 'S' || type === 'Q' || type === 'X') insideExtendedQuery = false;
      return pglite.execProtocolRawStream(message, options);
    },
    /** Only the socket server's rollback of a disconnected client's transaction comes through here. */
    async exec(query: string, options?: Parameters<PGlite['exec']>[1]) {
      await hold();
      try {
        if (pglite.closed) return [];
        return await pglite.exec(query, options);
      } finally {
        insideExtendedQuery = false;
        releaseIfDone();
      }
    },
  };

  return new Proxy(pglite, {
    get(target, property) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property))
        return overrides[property as keyof typeof overrides];
      const value: unknown = Reflect.get(target, property, target);
      // PGlite's methods use private fields: call them on the real instance, not the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
