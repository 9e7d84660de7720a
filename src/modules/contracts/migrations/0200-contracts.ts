import { sql, type Kysely } from 'kysely';

/**
 * Contracts (docs/contracts.md): one order and one contract per quote (unique (portal_id, quote_id):
 * duplicate and racing `quote.accepted` / `deal.closed-won` events insert once), contract lines,
 * quantity segments (history: amendments append, never overwrite), amendments, renewals and the
 * per-portal contract settings. Decimals are text (exact strings), dates `YYYY-MM-DD` text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contract_settings (
      portal_id bigint primary key,
      contract_on_closed_won boolean not null default false,
      renewal_lead_days integer not null default 90 check (renewal_lead_days between 0 and 730),
      renewal_term_months integer not null default 12 check (renewal_term_months between 1 and 120),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table contract_number_counters (
      portal_id bigint primary key,
      last_number bigint not null
    )`.execute(db);
  await sql`
    create table contract_orders (
      id text primary key,
      portal_id bigint not null,
      quote_id text not null,
      deal_id text not null,
      company_id text,
      currency text not null,
      order_date text not null,
      net_total text not null,
      trigger text not null check (trigger in ('quote.accepted', 'deal.closed-won', 'import')),
      created_at timestamptz not null default now(),
      constraint contract_orders_quote_key unique (portal_id, quote_id)
    )`.execute(db);
  await sql`
    create table contract_order_items (
      portal_id bigint not null,
      order_id text not null references contract_orders (id) on delete cascade,
      line_id text not null,
      sku text not null,
      name text not null,
      kind text not null check (kind in ('subscription', 'one-time')),
      quantity text not null,
      net_unit_price text not null,
      net_total text not null,
      primary key (portal_id, order_id, line_id)
    )`.execute(db);
  await sql`
    create table contracts (
      id text primary key,
      portal_id bigint not null,
      number text not null,
      order_id text not null references contract_orders (id),
      quote_id text not null,
      deal_id text not null,
      company_id text,
      status text not null check (status in ('active', 'expired', 'cancelled', 'renewed')),
      currency text not null,
      start_date text not null,
      end_date text not null,
      renewal_group text,
      renewal_pricing text not null default 'same' check (renewal_pricing in ('same', 'list', 'uplift')),
      uplift_percent text,
      renewed_from_id text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint contracts_quote_key unique (portal_id, quote_id),
      constraint contracts_number_key unique (portal_id, number)
    )`.execute(db);
  await sql`create index contracts_company_idx on contracts (portal_id, company_id)`.execute(db);
  await sql`create index contracts_deal_idx on contracts (portal_id, deal_id)`.execute(db);
  await sql`create index contracts_end_idx on contracts (status, end_date, portal_id)`.execute(db);
  await sql`
    create table contract_lines (
      id text primary key,
      portal_id bigint not null,
      contract_id text not null references contracts (id) on delete cascade,
      position integer not null,
      kind text not null check (kind in ('subscription', 'one-time')),
      sku text not null,
      name text not null,
      start_date text not null,
      end_date text not null,
      list_unit_price text not null,
      regular_unit_price text not null,
      customer_unit_price text not null,
      net_unit_price text not null,
      term_months text,
      uplift_percent text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index contract_lines_contract_idx on contract_lines (portal_id, contract_id, position)`.execute(db);
  await sql`
    create table contract_segments (
      id text primary key,
      portal_id bigint not null,
      contract_id text not null references contracts (id) on delete cascade,
      line_id text not null references contract_lines (id) on delete cascade,
      quantity text not null,
      start_date text not null,
      end_date text not null,
      net_unit_price text not null,
      net_amount text not null,
      source_quote_id text not null,
      created_at timestamptz not null default now(),
      constraint contract_segments_source_key unique (portal_id, line_id, source_quote_id)
    )`.execute(db);
  await sql`create index contract_segments_contract_idx on contract_segments (portal_id, contract_id)`.execute(db);
  await sql`
    create table contract_amendments (
      id text primary key,
      portal_id bigint not null,
      contract_id text not null references contracts (id) on delete cascade,
      status text not null check (status in ('open', 'accepted', 'cancelled')),
      start_date text not null,
      request jsonb not null,
      priced jsonb not null,
      hubspot_deal_id text,
      created_by bigint,
      created_at timestamptz not null default now(),
      accepted_at timestamptz
    )`.execute(db);
  await sql`create index contract_amendments_contract_idx on contract_amendments (portal_id, contract_id)`.execute(db);
  await sql`
    create table contract_renewals (
      id text primary key,
      portal_id bigint not null,
      group_key text not null,
      contract_ids jsonb not null,
      start_date text not null,
      end_date text not null,
      priced jsonb not null,
      status text not null default 'open' check (status in ('open', 'accepted')),
      hubspot_deal_id text,
      created_at timestamptz not null default now(),
      constraint contract_renewals_group_key unique (portal_id, group_key, start_date)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'contract_renewals',
    'contract_amendments',
    'contract_segments',
    'contract_lines',
    'contracts',
    'contract_order_items',
    'contract_orders',
    'contract_number_counters',
    'contract_settings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
