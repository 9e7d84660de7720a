import { sql, type Kysely } from 'kysely';

/**
 * Single-use OAuth state (docs/security.md "OAuth state"): the nonce of every state consumed at
 * /oauth/callback, kept until the state would have expired anyway. Not a tenant table: a state is
 * consumed before the portal is known.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oauth_state_nonces')
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consumed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('oauth_state_nonces_expires_idx').on('oauth_state_nonces').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oauth_state_nonces').ifExists().execute();
}
