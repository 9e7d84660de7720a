import { sql, type Kysely } from 'kysely';

/** Foundation tables: installs, tokens, the webhook inbox and the audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portals')
    .addColumn('portal_id', 'bigint', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('installed', 'uninstalled')`))
    .addColumn('hub_domain', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('installed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('uninstalled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('portal_tokens')
    .addColumn('portal_id', 'bigint', (c) => c.primaryKey().references('portals.portal_id').onDelete('cascade'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('refresh_token_ciphertext', 'text', (c) => c.notNull())
    .addColumn('access_token_ciphertext', 'text')
    .addColumn('access_token_expires_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('webhook_inbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('subscription_id', 'bigint', (c) => c.notNull())
    .addColumn('event_id', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('subscription_type', 'text', (c) => c.notNull())
    .addColumn('object_type_id', 'text')
    .addColumn('object_id', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'done', 'ignored', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('processed_at', 'timestamptz')
    // HubSpot: eventId alone is not unique; dedupe on (portal, subscription, event, occurredAt).
    .addUniqueConstraint('webhook_inbox_event_key', ['portal_id', 'subscription_id', 'event_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('webhook_inbox_object_idx')
    .on('webhook_inbox')
    .columns(['portal_id', 'object_type_id', 'object_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('webhook_inbox_status_idx')
    .on('webhook_inbox')
    .columns(['status', 'portal_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('user', 'system', 'hubspot')`))
    .addColumn('actor_user_id', 'bigint')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('audit_log_portal_time_idx')
    .on('audit_log')
    .columns(['portal_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'webhook_inbox', 'portal_tokens', 'portals']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
