import { sql, type Kysely } from 'kysely';

/** Approval rules and requests, buyer links, acceptances and quote documents (docs/approvals.md). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('approval_rules')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('rule', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'bigint')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('approval_rules_pkey', ['portal_id', 'rule_id'])
    .execute();

  await db.schema
    .createTable('approval_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('quote_id', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('quote_revision', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending', 'approved', 'rejected', 'cancelled')`),
    )
    /** The firing rules (ChainRule + envelope entries) as evaluated at submit time. */
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('snapshot_sha256', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'bigint')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .execute();
  // One open request per quote.
  await sql`create unique index approval_requests_open_idx on approval_requests (portal_id, quote_id) where state = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable('approval_decisions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('quote_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('approve', 'reject')`))
    .addColumn('comment', 'text')
    /** The values the rule looked at when decided (smart approval for later submissions). */
    .addColumn('entries', 'jsonb', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('approval_decisions_rule_key', ['portal_id', 'request_id', 'rule_id'])
    .execute();

  // One HubSpot task per (request, rule, approver); created when their level starts, completed when decided.
  await db.schema
    .createTable('approval_tasks')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('hubspot_task_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'completed')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('approval_tasks_pkey', ['portal_id', 'request_id', 'rule_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('lifecycle_settings')
    .addColumn('portal_id', 'bigint', (c) => c.primaryKey())
    /** Deal stage an accepted quote moves its deal to; null = the deal pipeline's closed-won stage. */
    .addColumn('accepted_deal_stage', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('buyer_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('quote_id', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('quote_revision', 'integer', (c) => c.notNull())
    .addColumn('token_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('document_sha256', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addColumn('created_by', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Public lookups start from a token (no portal yet): this index maps a token hash to its portal.
  await db.schema
    .createTable('buyer_link_tokens')
    .addColumn('token_sha256', 'text', (c) => c.primaryKey())
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('link_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('buyer_responses')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('link_id', 'text', (c) => c.notNull())
    .addColumn('quote_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('accepted', 'declined')`))
    .addColumn('full_name', 'text')
    .addColumn('title', 'text')
    .addColumn('reason', 'text')
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('document_sha256', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('buyer_responses_pkey', ['portal_id', 'link_id'])
    .execute();

  await db.schema
    .createTable('quote_documents')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('quote_id', 'text', (c) => c.notNull())
    .addColumn('quote_revision', 'integer', (c) => c.notNull())
    .addColumn('html_sha256', 'text', (c) => c.notNull())
    .addColumn('pdf_sha256', 'text')
    .addColumn('storage_key', 'text')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('rendering', 'ready', 'failed')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('quote_documents_pkey', ['portal_id', 'quote_id', 'quote_revision'])
    .execute();

  await db.schema
    .createTable('document_blobs')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_blobs_pkey', ['portal_id', 'storage_key'])
    .execute();

  await db.schema
    .createTable('document_templates')
    .addColumn('portal_id', 'bigint', (c) => c.primaryKey())
    /** null = the built-in default template. */
    .addColumn('template', 'text')
    /** Seller name, address lines, logo URL, terms shown by the template. */
    .addColumn('branding', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'bigint')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'lifecycle_settings',
    'approval_tasks',
    'document_templates',
    'document_blobs',
    'quote_documents',
    'buyer_responses',
    'buyer_link_tokens',
    'buyer_links',
    'approval_decisions',
    'approval_requests',
    'approval_rules',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
