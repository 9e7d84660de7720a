import { sql, type Kysely } from 'kysely';

/**
 * Quote lifecycle columns (docs/approvals.md "Statuses"): the status may now be any step of the
 * status machine; `approval_envelope` keeps what an approval covered (smart approval on edit).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('quotes')
    .addColumn('approval_envelope', 'jsonb')
    .addColumn('status_changed_at', 'timestamptz')
    .execute();
  await sql`alter table quotes add constraint quotes_status_check check (status in
    ('draft', 'pending_approval', 'approved', 'rejected', 'presented', 'accepted', 'declined', 'expired', 'contracted'))`.execute(
    db,
  );
  // A deal closed won in HubSpot without an accepted quote is a divergence too.
  await sql`alter table quote_divergences drop constraint if exists quote_divergences_field_check`.execute(db);
  await sql`alter table quote_divergences add constraint quote_divergences_field_check
    check (field in ('amount', 'line_items', 'dealstage'))`.execute(db);
  // The daily expiry job scans open quotes by expiration date.
  await sql`create index quotes_open_expiry_idx on quotes (expiration_date)
    where status in ('draft', 'pending_approval', 'approved', 'rejected', 'presented') and not archived`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists quotes_open_expiry_idx`.execute(db);
  await sql`alter table quotes drop constraint if exists quotes_status_check`.execute(db);
  await db.schema.alterTable('quotes').dropColumn('approval_envelope').dropColumn('status_changed_at').execute();
}
