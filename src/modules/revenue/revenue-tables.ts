import type { ColumnType } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../kernel/db/column-types.ts';

/** Decimal columns (`numeric`) come back from both drivers as exact strings; writes take strings. */
type Numeric = ColumnType<string, string, string>;

export type SspRuleScope = 'product' | 'category';
export type SspRuleKind = 'fixed' | 'list' | 'list-discount';

/**
 * Standalone selling price rules (ASC 606-10-32-32..34): per product SKU or category, per currency
 * (`*` = any currency): a fixed unit SSP, the list price, or the list price minus a typical discount.
 */
export interface RevenueSspRulesTable {
  portal_id: number;
  scope: SspRuleScope;
  /** The SKU (scope product) or the category name (scope category). */
  scope_key: string;
  /** ISO 4217 code, or `*` for a rule that applies in every currency. */
  currency: string;
  kind: SspRuleKind;
  /** kind fixed: the unit SSP in `currency`. */
  amount: Numeric | null;
  /** kind list-discount: the typical discount in percent off list. */
  discount_percent: Numeric | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One row per scheduled contract: what was scheduled, from which contract version. */
export interface RevenueContractsTable {
  portal_id: number;
  contract_id: string;
  contract_version: number;
  deal_id: string;
  company_id: string | null;
  currency: string;
  method: 'daily' | 'monthly';
  rounding_mode: 'half-up' | 'half-even';
  /** Total contract value the schedule sums to. */
  transaction_price: Numeric;
  /** `YYYY-MM` from which the contract counts in deferred balances (its start or its creation). */
  inception_period: string;
  scheduled_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Per contract line: the SSP captured at inception (never rewritten) and the current allocation. */
export interface RevenueContractLinesTable {
  portal_id: number;
  contract_id: string;
  line_id: string;
  sku: string;
  unit_ssp: Numeric;
  /** Which rule gave the SSP: fixed | list | list-discount | list-price-default | net-price-default. */
  ssp_source: string;
  allocated: Numeric;
  captured_at: CreatedAt;
}

/** The revenue schedule: one row per contract line and calendar month. */
export interface RevenueScheduleRowsTable {
  portal_id: number;
  contract_id: string;
  line_id: string;
  /** `YYYY-MM`. */
  period: string;
  amount: Numeric;
}

export interface RevenueTables {
  revenue_ssp_rules: RevenueSspRulesTable;
  revenue_contracts: RevenueContractsTable;
  revenue_contract_lines: RevenueContractLinesTable;
  revenue_schedule_rows: RevenueScheduleRowsTable;
}

export const REVENUE_TENANT_TABLES = [
  'revenue_ssp_rules',
  'revenue_contracts',
  'revenue_contract_lines',
  'revenue_schedule_rows',
] as const;

/** Every table this module owns (it alone writes them; test/architecture/table-ownership.test.ts). */
export const REVENUE_TABLES = [
  'revenue_ssp_rules',
  'revenue_contracts',
  'revenue_contract_lines',
  'revenue_schedule_rows',
] as const;
