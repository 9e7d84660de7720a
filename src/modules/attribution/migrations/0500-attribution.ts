import { sql, type Kysely } from 'kysely';

/** Touchpoints and per-deal attribution facts (docs/attribution.md). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attribution_touchpoints')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('touch_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('campaign', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('campaigns', 'source-properties', 'import')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('attribution_touchpoints_pk', ['portal_id', 'deal_id', 'touch_id'])
    .execute();
  await db.schema
    .createTable('attribution_deals')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('quoted', 'numeric', (c) => c.notNull().defaultTo('0'))
    .addColumn('contracted', 'numeric', (c) => c.notNull().defaultTo('0'))
    .addColumn('invoiced', 'numeric', (c) => c.notNull().defaultTo('0'))
    .addColumn('collected', 'numeric', (c) => c.notNull().defaultTo('0'))
    .addColumn('contact_created_at', 'timestamptz')
    .addColumn('deal_created_at', 'timestamptz')
    .addColumn('closed_won_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('attribution_deals_pk', ['portal_id', 'deal_id'])
    .execute();
  await db.schema
    .createIndex('attribution_deals_closed_won')
    .on('attribution_deals')
    .columns(['portal_id', 'closed_won_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attribution_touchpoints').ifExists().execute();
  await db.schema.dropTable('attribution_deals').ifExists().execute();
}
