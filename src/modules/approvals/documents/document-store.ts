import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';

/**
 * Where rendered documents live. Keys are ours (`<quoteId>/<revision>.pdf`), never user input.
 * `put` is idempotent (same key, same bytes): a re-run render job overwrites with equal content.
 */
export interface DocumentStore {
  put(portalId: PortalId, key: string, bytes: Uint8Array): Promise<void>;
  get(portalId: PortalId, key: string): Promise<Uint8Array | undefined>;
}

/** In the database (bytea): one backup covers everything; fine for PDFs of a few hundred KB. */
export function databaseDocumentStore(db: Kysely<DatabaseSchema>): DocumentStore {
  return {
    async put(portalId, key, bytes) {
      await db
        .insertInto('document_blobs')
        .values({ portal_id: portalId, storage_key: key, bytes })
        .onConflict((oc) => oc.columns(['portal_id', 'storage_key']).doUpdateSet({ bytes }))
        .execute();
    },
    async get(portalId, key) {
      const row = await db
        .selectFrom('document_blobs')
        .select('bytes')
        .where('portal_id', '=', portalId)
        .where('storage_key', '=', key)
        .executeTakeFirst();
      return row ? new Uint8Array(row.bytes) : undefined;
    },
  };
}

const SAFE_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Files under DATA_DIR/documents/<portal>/<key>; written to a temp name then renamed (no torn files). */
export function fileDocumentStore(dataDir: string): DocumentStore {
  const pathOf = (portalId: PortalId, key: string) => {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe document key ${key}`);
    return join(dataDir, 'documents', String(portalId), key);
  };
  return {
    async put(portalId, key, bytes) {
      const path = pathOf(portalId, key);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, path);
    },
    async get(portalId, key) {
      try {
        return new Uint8Array(await readFile(pathOf(portalId, key)));
      } catch (error) {
        if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
