import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from '../../kernel/db/column-types.ts';

/**
 * The billing module's tables (migration 0300). Money and quantities are exact decimal strings,
 * dates `YYYY-MM-DD` text (no time zone can shift a calendar day); JSON columns are parsed with zod
 * when read.
 */
export type InvoiceStatus = 'planned' | 'issued' | 'paid' | 'voided';
export type CreditNoteStatus = 'planned' | 'issued';
export type SequenceKind = 'invoice' | 'credit-note';

/** Portal defaults for new contracts (one row per portal; no row = the built-in defaults). */
export interface BillingPortalSettingsTable {
  portal_id: number;
  /** BillingSettings JSON (frequency, timing, anchor, paymentTerms). */
  billing: Json<unknown>;
  invoice_number_format: string;
  credit_note_number_format: string;
  /** HubSpot collects payment for the invoice (hs_invoice_billable=true) instead of only tracking it. */
  hubspot_billable: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: UpdatedAt;
}

/** What billing knows of a contract: its settings and the version its plan was built from. */
export interface BillingContractsTable {
  portal_id: number;
  contract_id: string;
  deal_id: string;
  company_id: string | null;
  currency: string;
  /** BillingSettings JSON, copied from the portal defaults when first seen (then per contract). */
  billing: Json<unknown>;
  contract_version: number;
  cancelled_effective_date: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InvoicesTable {
  id: Generated<number>;
  portal_id: number;
  contract_id: string;
  status: ColumnType<InvoiceStatus, InvoiceStatus | undefined, InvoiceStatus>;
  /** Null while planned; `INV-2026-000123` once issued (unique per portal). */
  number: string | null;
  sequence: number | null;
  invoice_date: string;
  due_date: string;
  currency: string;
  total: string;
  amount_paid: ColumnType<string, string | undefined, string>;
  /** Invoice lines JSON (lineId, segmentId, sku, periods, amounts). */
  lines: Json<unknown>;
  /** Installments JSON (dueDate, amount, percent). */
  installments: Json<unknown>;
  issued_at: Date | null;
  paid_at: Date | null;
  voided_at: Date | null;
  /** Set when an overdue reminder was raised for the invoice. */
  overdue_notified_at: Date | null;
  hubspot_invoice_id: string | null;
  hubspot_status: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CreditNotesTable {
  id: Generated<number>;
  portal_id: number;
  contract_id: string;
  status: ColumnType<CreditNoteStatus, CreditNoteStatus | undefined, CreditNoteStatus>;
  /** `cancellation:<date>` or `void:<invoice id>`: one credit note per reason (idempotent). */
  reason_key: string;
  number: string | null;
  sequence: number | null;
  note_date: string;
  currency: string;
  total: string;
  lines: Json<unknown>;
  issued_at: Date | null;
  created_at: CreatedAt;
}

/** Gapless numbering: one counter per portal and kind, locked FOR UPDATE by the issuing transaction. */
export interface BillingSequencesTable {
  portal_id: number;
  kind: SequenceKind;
  last_value: number;
}

export interface PaymentsTable {
  id: Generated<number>;
  portal_id: number;
  invoice_id: number;
  amount: string;
  paid_on: string;
  /** import | api | hubspot */
  source: string;
  /** The payer's or the export's reference; unique per portal and source, so re-imports are no-ops. */
  reference: string;
  created_at: CreatedAt;
}

export interface BillingTables {
  billing_portal_settings: BillingPortalSettingsTable;
  billing_contracts: BillingContractsTable;
  invoices: InvoicesTable;
  credit_notes: CreditNotesTable;
  billing_sequences: BillingSequencesTable;
  payments: PaymentsTable;
}

export const BILLING_TENANT_TABLES = [
  'billing_portal_settings',
  'billing_contracts',
  'invoices',
  'credit_notes',
  'billing_sequences',
  'payments',
] as const;

/** Every table this module owns (it alone writes them; test/architecture/table-ownership.test.ts). */
export const BILLING_TABLES = [
  'billing_portal_settings',
  'billing_contracts',
  'invoices',
  'credit_notes',
  'billing_sequences',
  'payments',
] as const;
