import { sql, type Kysely } from 'kysely';

/** Catalog, account pricing and quotes (quote-builder issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_products')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('hubspot_product_id', 'text')
    .addColumn('product', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('catalog_products_pkey', ['portal_id', 'sku'])
    .execute();
  // Card search: prefix/substring on lower(name) and sku (small catalogs scan; large ones use the btree for prefixes).
  await sql`create index catalog_products_name_idx on catalog_products (portal_id, lower(name))`.execute(db);

  await db.schema
    .createTable('catalog_discount_schedules')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('schedule_id', 'text', (c) => c.notNull())
    .addColumn('schedule', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('catalog_discount_schedules_pkey', ['portal_id', 'schedule_id'])
    .execute();

  await db.schema
    .createTable('account_pricing')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('pricing', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('account_pricing_pkey', ['portal_id', 'company_id'])
    .execute();

  await db.schema
    .createTable('quotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('expiration_date', 'text', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('lines', 'jsonb', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('priced', 'jsonb', (c) => c.notNull())
    .addColumn('price_inputs_hash', 'text', (c) => c.notNull())
    .addColumn('net_total', 'text', (c) => c.notNull())
    .addColumn('archived', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('cloned_from', 'text')
    .addColumn('created_by', 'bigint')
    .addColumn('updated_by', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('quotes_deal_idx').on('quotes').columns(['portal_id', 'deal_id', 'created_at']).execute();
  // docs/quotes.md "Quotes": one primary quote per deal.
  await sql`create unique index quotes_one_primary_idx on quotes (portal_id, deal_id) where is_primary and not archived`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['quotes', 'account_pricing', 'catalog_discount_schedules', 'catalog_products']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
