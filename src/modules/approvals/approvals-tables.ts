import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from '../../kernel/db/column-types.ts';

/** The approvals module's tables (migration 0101-approvals). */
export interface ApprovalRulesTable {
  portal_id: number;
  rule_id: string;
  position: number;
  rule: Json<Record<string, unknown>>;
  updated_by: number | null;
  updated_at: UpdatedAt;
}

export type ApprovalRequestState = 'pending' | 'approved' | 'rejected' | 'cancelled';

export interface ApprovalRequestsTable {
  id: string;
  portal_id: number;
  quote_id: string;
  deal_id: string;
  quote_revision: number;
  state: ApprovalRequestState;
  rules: Json<unknown[]>;
  snapshot_sha256: string;
  submitted_by: number | null;
  submitted_at: CreatedAt;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ApprovalDecisionsTable {
  id: Generated<string>;
  portal_id: number;
  request_id: string;
  quote_id: string;
  rule_id: string;
  user_id: number;
  decision: 'approve' | 'reject';
  comment: string | null;
  entries: Json<unknown[]>;
  decided_at: CreatedAt;
}

export interface BuyerLinksTable {
  id: string;
  portal_id: number;
  quote_id: string;
  deal_id: string;
  quote_revision: number;
  token_sha256: string;
  /** YYYY-MM-DD, the quote's expiration date when presented: the link works through that day. */
  expires_on: string;
  document_sha256: string;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_reason: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

/** Not a tenant table on purpose: a public request knows only its token; this says whose it is. */
export interface BuyerLinkTokensTable {
  token_sha256: string;
  portal_id: number;
  link_id: string;
}

export interface BuyerResponsesTable {
  portal_id: number;
  link_id: string;
  quote_id: string;
  decision: 'accepted' | 'declined';
  full_name: string | null;
  title: string | null;
  reason: string | null;
  ip: string;
  user_agent: string;
  document_sha256: string;
  decided_at: CreatedAt;
}

export interface QuoteDocumentsTable {
  portal_id: number;
  quote_id: string;
  quote_revision: number;
  html_sha256: string;
  pdf_sha256: string | null;
  storage_key: string | null;
  state: 'rendering' | 'ready' | 'failed';
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DocumentBlobsTable {
  portal_id: number;
  storage_key: string;
  bytes: Uint8Array;
}

export interface DocumentTemplatesTable {
  portal_id: number;
  template: string | null;
  branding: Json<Record<string, unknown>>;
  updated_by: number | null;
  updated_at: UpdatedAt;
}

export interface ApprovalTasksTable {
  portal_id: number;
  request_id: string;
  rule_id: string;
  user_id: number;
  hubspot_task_id: string;
  state: 'open' | 'completed';
  updated_at: UpdatedAt;
}

export interface LifecycleSettingsTable {
  portal_id: number;
  accepted_deal_stage: string | null;
  updated_at: UpdatedAt;
}

export interface ApprovalsTables {
  approval_tasks: ApprovalTasksTable;
  lifecycle_settings: LifecycleSettingsTable;
  approval_rules: ApprovalRulesTable;
  approval_requests: ApprovalRequestsTable;
  approval_decisions: ApprovalDecisionsTable;
  buyer_links: BuyerLinksTable;
  buyer_link_tokens: BuyerLinkTokensTable;
  buyer_responses: BuyerResponsesTable;
  quote_documents: QuoteDocumentsTable;
  document_blobs: DocumentBlobsTable;
  document_templates: DocumentTemplatesTable;
}

export const APPROVALS_TENANT_TABLES = [
  'approval_tasks',
  'lifecycle_settings',
  'approval_rules',
  'approval_requests',
  'approval_decisions',
  'buyer_links',
  'buyer_responses',
  'quote_documents',
  'document_blobs',
  'document_templates',
] as const;

/** Every table this module owns (it alone writes them; test/architecture/table-ownership.test.ts). */
export const APPROVALS_TABLES = [
  'approval_tasks',
  'lifecycle_settings',
  'approval_rules',
  'approval_requests',
  'approval_decisions',
  'buyer_links',
  'buyer_link_tokens',
  'buyer_responses',
  'quote_documents',
  'document_blobs',
  'document_templates',
] as const;
