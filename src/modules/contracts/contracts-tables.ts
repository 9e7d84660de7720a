import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from '../../kernel/db/column-types.ts';

/** The contracts module's tables (migration 0200). Decimals are exact strings; dates `YYYY-MM-DD`. */
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface ContractSettingsTable {
  portal_id: number;
  contract_on_closed_won: WithDefault<boolean>;
  renewal_lead_days: WithDefault<number>;
  renewal_term_months: WithDefault<number>;
  updated_at: UpdatedAt;
}

export interface ContractNumberCountersTable {
  portal_id: number;
  last_number: ColumnType<string, number | string, number | string>;
}

export type ContractTrigger = 'quote.accepted' | 'deal.closed-won' | 'import';

export interface ContractOrdersTable {
  id: string;
  portal_id: number;
  quote_id: string;
  deal_id: string;
  company_id: string | null;
  currency: string;
  order_date: string;
  net_total: string;
  trigger: ContractTrigger;
  created_at: CreatedAt;
}

export type ContractLineKind = 'subscription' | 'one-time';

export interface ContractOrderItemsTable {
  portal_id: number;
  order_id: string;
  line_id: string;
  sku: string;
  name: string;
  kind: ContractLineKind;
  quantity: string;
  net_unit_price: string;
  net_total: string;
}

export interface ContractsTable {
  id: string;
  portal_id: number;
  number: string;
  order_id: string;
  quote_id: string;
  deal_id: string;
  company_id: string | null;
  status: 'active' | 'expired' | 'cancelled' | 'renewed';
  currency: string;
  start_date: string;
  end_date: string;
  renewal_group: string | null;
  renewal_pricing: WithDefault<'same' | 'list' | 'uplift'>;
  uplift_percent: string | null;
  renewed_from_id: string | null;
  version: WithDefault<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ContractLinesTable {
  id: string;
  portal_id: number;
  contract_id: string;
  position: number;
  kind: ContractLineKind;
  sku: string;
  name: string;
  start_date: string;
  end_date: string;
  list_unit_price: string;
  regular_unit_price: string;
  customer_unit_price: string;
  net_unit_price: string;
  term_months: string | null;
  uplift_percent: string | null;
  created_at: CreatedAt;
}

export interface ContractSegmentsTable {
  id: string;
  portal_id: number;
  contract_id: string;
  line_id: string;
  quantity: string;
  start_date: string;
  end_date: string;
  net_unit_price: string;
  net_amount: string;
  source_quote_id: string;
  created_at: CreatedAt;
}

export interface ContractAmendmentsTable {
  id: string;
  portal_id: number;
  contract_id: string;
  status: 'open' | 'accepted' | 'cancelled';
  start_date: string;
  request: Json<Record<string, unknown>>;
  priced: Json<Record<string, unknown>>;
  hubspot_deal_id: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ContractRenewalsTable {
  id: string;
  portal_id: number;
  group_key: string;
  contract_ids: Json<string[]>;
  start_date: string;
  end_date: string;
  priced: Json<Record<string, unknown>>;
  status: WithDefault<'open' | 'accepted'>;
  hubspot_deal_id: string | null;
  created_at: CreatedAt;
}

export interface ContractsTables {
  contract_settings: ContractSettingsTable;
  contract_number_counters: ContractNumberCountersTable;
  contract_orders: ContractOrdersTable;
  contract_order_items: ContractOrderItemsTable;
  contracts: ContractsTable;
  contract_lines: ContractLinesTable;
  contract_segments: ContractSegmentsTable;
  contract_amendments: ContractAmendmentsTable;
  contract_renewals: ContractRenewalsTable;
}

export const CONTRACTS_TENANT_TABLES = [
  'contract_settings',
  'contract_number_counters',
  'contract_orders',
  'contract_order_items',
  'contracts',
  'contract_lines',
  'contract_segments',
  'contract_amendments',
  'contract_renewals',
] as const;

/** Every table this module owns (it alone writes them; test/architecture/table-ownership.test.ts). */
export const CONTRACTS_TABLES = [
  'contract_settings',
  'contract_number_counters',
  'contract_orders',
  'contract_order_items',
  'contracts',
  'contract_lines',
  'contract_segments',
  'contract_amendments',
  'contract_renewals',
] as const;
