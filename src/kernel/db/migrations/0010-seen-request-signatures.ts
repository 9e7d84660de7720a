import { sql, type Kysely } from 'kysely';

/**
 * Replay protection for signed card requests (docs/security.md "Replayed requests"): the SHA-256
 * of every state-changing request's v3 signature, kept until its 5-minute window has passed. Not a
 * tenant table: the check runs before any portal data is touched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('seen_request_signatures')
    .addColumn('signature_hash', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('seen_request_signatures_expires_idx')
    .on('seen_request_signatures')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('seen_request_signatures').ifExists().execute();
}
