import { sql, type Kysely } from 'kysely';

/** Webhook processing: inbox outcome, per-object watermarks, quote divergences. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webhook_inbox').addColumn('outcome', 'text').execute();

  await db.schema
    .createTable('webhook_watermarks')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('object_type_id', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('aspect', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('event_id', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_watermarks_pk', ['portal_id', 'object_type_id', 'object_id', 'aspect'])
    .execute();

  await db.schema
    .createTable('quote_divergences')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('quote_id', 'text')
    .addColumn('field', 'text', (c) => c.notNull().check(sql`field in ('amount', 'line_items')`))
    .addColumn('hubspot_value', 'text')
    .addColumn('app_value', 'text')
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('inbox_id', 'bigint', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One divergence per revealing event: a re-processed event does not record it twice.
    .addUniqueConstraint('quote_divergences_inbox_key', ['portal_id', 'inbox_id', 'field'])
    .execute();
  await db.schema
    .createIndex('quote_divergences_deal_idx')
    .on('quote_divergences')
    .columns(['portal_id', 'deal_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('quote_divergences').ifExists().execute();
  await db.schema.dropTable('webhook_watermarks').ifExists().execute();
  await db.schema.alterTable('webhook_inbox').dropColumn('outcome').execute();
}
