import { sql, type Kysely } from 'kysely';

/** HubSpot sync: per-quote sync state, the line item mapping, provisioning reports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hubspot_quote_sync')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('quote_id', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text')
    .addColumn('hubspot_quote_id', 'text')
    .addColumn('last_synced_revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'synced', 'failed', 'archived')`),
    )
    .addColumn('last_error', 'text')
    .addColumn('needs_reconcile', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('quote_hash', 'text')
    .addColumn('deal_hash', 'text')
    .addColumn('contact_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('synced_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('hubspot_quote_sync_pk', ['portal_id', 'quote_id'])
    .execute();

  await db.schema
    .createTable('hubspot_line_item_map')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('quote_id', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull().check(sql`target in ('deal', 'quote')`))
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('hubspot_line_item_id', 'text', (c) => c.notNull())
    .addColumn('props_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('hubspot_line_item_map_pk', ['portal_id', 'quote_id', 'target', 'line_key'])
    .execute();

  await db.schema
    .createTable('hubspot_provisioning')
    .addColumn('portal_id', 'bigint', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('done', 'failed')`))
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['hubspot_provisioning', 'hubspot_line_item_map', 'hubspot_quote_sync']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
