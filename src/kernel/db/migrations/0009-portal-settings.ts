import { sql, type Kysely } from 'kysely';

/** Per-portal quote settings (src/settings, docs/quotes.md "Settings"). No row = the defaults. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portal_settings')
    .addColumn('portal_id', 'bigint', (c) => c.primaryKey())
    .addColumn('rounding_mode', 'text', (c) =>
      c
        .notNull()
        .defaultTo('half-up')
        .check(sql`rounding_mode in ('half-up', 'half-even')`),
    )
    .addColumn('quote_expiry_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(30)
        .check(sql`quote_expiry_days between 1 and 365`),
    )
    .addColumn('allowed_currencies', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('portal_settings').ifExists().execute();
}
