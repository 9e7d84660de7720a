import { sql, type Kysely } from 'kysely';

/** Revenue recognition (docs/revenue.md): SSP rules, scheduled contracts, SSP snapshots, schedule rows. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('revenue_ssp_rules')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('product', 'category')`))
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('fixed', 'list', 'list-discount')`))
    .addColumn('amount', 'numeric')
    .addColumn('discount_percent', 'numeric')
    .addColumn('updated_by', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('revenue_ssp_rules_pk', ['portal_id', 'scope', 'scope_key', 'currency'])
    .addCheckConstraint('revenue_ssp_rules_fixed_amount', sql`(kind = 'fixed') = (amount is not null)`)
    .addCheckConstraint('revenue_ssp_rules_discount', sql`(kind = 'list-discount') = (discount_percent is not null)`)
    .execute();

  await db.schema
    .createTable('revenue_contracts')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('contract_version', 'integer', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('daily', 'monthly')`))
    .addColumn('rounding_mode', 'text', (c) => c.notNull().check(sql`rounding_mode in ('half-up', 'half-even')`))
    .addColumn('transaction_price', 'numeric', (c) => c.notNull())
    .addColumn('inception_period', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('revenue_contracts_pk', ['portal_id', 'contract_id'])
    .execute();
  await db.schema
    .createIndex('revenue_contracts_deal')
    .on('revenue_contracts')
    .columns(['portal_id', 'deal_id'])
    .execute();

  await db.schema
    .createTable('revenue_contract_lines')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('unit_ssp', 'numeric', (c) => c.notNull())
    .addColumn('ssp_source', 'text', (c) => c.notNull())
    .addColumn('allocated', 'numeric', (c) => c.notNull())
    .addColumn('captured_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('revenue_contract_lines_pk', ['portal_id', 'contract_id', 'line_id'])
    .execute();

  await db.schema
    .createTable('revenue_schedule_rows')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('amount', 'numeric', (c) => c.notNull())
    .addPrimaryKeyConstraint('revenue_schedule_rows_pk', ['portal_id', 'contract_id', 'line_id', 'period'])
    .execute();
  await db.schema
    .createIndex('revenue_schedule_rows_period')
    .on('revenue_schedule_rows')
    .columns(['portal_id', 'period'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['revenue_schedule_rows', 'revenue_contract_lines', 'revenue_contracts', 'revenue_ssp_rules']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
