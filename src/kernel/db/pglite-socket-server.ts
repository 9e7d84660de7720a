import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PglitePool } from './pglite-pool.ts';
import { gatePgliteForSocket } from './pglite-socket-gate.ts';

/** libpq's socket file name: `pg` connects to `<host dir>/.s.PGSQL.<port>` when host is a path. */
export const SOCKET_PORT = 5432;
export const socketFile = (socketDir: string): string => join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);

/** Several CLI processes may connect at once; each is served a whole unit of work at a time. */
const MAX_SOCKET_CLIENTS = 16;

export interface SocketHost {
  stop(): Promise<void>;
}

/**
 * Serves the embedded database to other local processes (the CLI) through `pglite-socket` on a
 * unix socket only (never TCP), sharing the server's connection lease (see pglite-socket-gate.ts).
 */
export async function serveOverSocket(pglite: PGlite, pool: PglitePool, socketDir: string): Promise<SocketHost> {
  const path = socketFile(socketDir);
  // A socket file left by a killed owner refuses the bind; the data-dir lock says it is ours now.
  await rm(path, { force: true });
  const server = new PGLiteSocketServer({
    db: gatePgliteForSocket(pglite, () => pool.lease()),
    path,
    maxConnections: MAX_SOCKET_CLIENTS,
  });
  await server.start();
  return {
    async stop() {
      await server.stop();
      // Handlers detach (and roll back an open transaction) asynchronously; let that run first.
      await new Promise((resolve) => setImmediate(resolve));
      await rm(path, { force: true });
    },
  };
}
