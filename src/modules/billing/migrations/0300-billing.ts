import { sql, type Kysely } from 'kysely';

const ISO_DATE = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'";

/** Billing: settings, contracts' plans, invoices, credit notes, gapless counters, payments (docs/billing.md). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('billing_portal_settings')
    .addColumn('portal_id', 'bigint', (c) => c.primaryKey())
    .addColumn('billing', 'jsonb', (c) => c.notNull())
    .addColumn('invoice_number_format', 'text', (c) => c.notNull())
    .addColumn('credit_note_number_format', 'text', (c) => c.notNull())
    .addColumn('hubspot_billable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('billing_contracts')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('billing', 'jsonb', (c) => c.notNull())
    .addColumn('contract_version', 'integer', (c) => c.notNull())
    .addColumn('cancelled_effective_date', 'text', (c) => c.check(sql.raw(`cancelled_effective_date ~ ${ISO_DATE}`)))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('billing_contracts_pk', ['portal_id', 'contract_id'])
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('planned')
        .check(sql`status in ('planned', 'issued', 'paid', 'voided')`),
    )
    .addColumn('number', 'text')
    .addColumn('sequence', 'integer')
    .addColumn('invoice_date', 'text', (c) => c.notNull().check(sql.raw(`invoice_date ~ ${ISO_DATE}`)))
    .addColumn('due_date', 'text', (c) => c.notNull().check(sql.raw(`due_date ~ ${ISO_DATE}`)))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total', 'text', (c) => c.notNull())
    .addColumn('amount_paid', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('lines', 'jsonb', (c) => c.notNull())
    .addColumn('installments', 'jsonb', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('voided_at', 'timestamptz')
    .addColumn('overdue_notified_at', 'timestamptz')
    .addColumn('hubspot_invoice_id', 'text')
    .addColumn('hubspot_status', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('invoices_number_when_issued', sql`(status = 'planned') = (number is null)`)
    .execute();
  await db.schema
    .createIndex('invoices_number_unique')
    .on('invoices')
    .columns(['portal_id', 'number'])
    .unique()
    .where(sql.ref('number'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('invoices_sequence_unique')
    .on('invoices')
    .columns(['portal_id', 'sequence'])
    .unique()
    .where(sql.ref('sequence'), 'is not', null)
    .execute();
  // One planned invoice per contract and date: a rebuilt plan replaces it.
  await db.schema
    .createIndex('invoices_planned_unique')
    .on('invoices')
    .columns(['portal_id', 'contract_id', 'invoice_date'])
    .unique()
    .where(sql.ref('status'), '=', 'planned')
    .execute();
  await db.schema
    .createIndex('invoices_due_planned')
    .on('invoices')
    .columns(['invoice_date', 'portal_id'])
    .where(sql.ref('status'), '=', 'planned')
    .execute();
  await db.schema.createIndex('invoices_contract').on('invoices').columns(['portal_id', 'contract_id']).execute();

  await db.schema
    .createTable('credit_notes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('planned')
        .check(sql`status in ('planned', 'issued')`),
    )
    .addColumn('reason_key', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('sequence', 'integer')
    .addColumn('note_date', 'text', (c) => c.notNull().check(sql.raw(`note_date ~ ${ISO_DATE}`)))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total', 'text', (c) => c.notNull())
    .addColumn('lines', 'jsonb', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('credit_notes_reason_unique', ['portal_id', 'contract_id', 'reason_key'])
    .execute();
  await db.schema
    .createIndex('credit_notes_number_unique')
    .on('credit_notes')
    .columns(['portal_id', 'number'])
    .unique()
    .where(sql.ref('number'), 'is not', null)
    .execute();

  await db.schema
    .createTable('billing_sequences')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invoice', 'credit-note')`))
    .addColumn('last_value', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('billing_sequences_pk', ['portal_id', 'kind'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('invoice_id', 'bigint', (c) => c.notNull().references('invoices.id'))
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull().check(sql.raw(`paid_on ~ ${ISO_DATE}`)))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('payments_reference_unique', ['portal_id', 'source', 'reference'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['payments', 'billing_sequences', 'credit_notes', 'invoices', 'billing_contracts']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.dropTable('billing_portal_settings').ifExists().execute();
}
