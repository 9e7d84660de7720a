/**
 * Error codes of the approvals module (kind -> HTTP status in src/kernel/errors/error-status.ts).
 * Status-machine refusals come from the quotes module: QUOTE_STATUS_CONFLICT, QUOTE_EXPIRED,
 * QUOTE_LOCKED, QUOTE_REVISION_CONFLICT, QUOTE_NOT_FOUND.
 */
export const APPROVALS_ERROR_CODES = {
  /** Rule set body/file failed validation (400 / CLI exit 2), every bad row listed. */
  APPROVAL_RULES_INVALID: 'APPROVAL_RULES_INVALID',
  /** Approve/reject body invalid (e.g. reject without a comment). */
  APPROVAL_DECISION_INVALID: 'APPROVAL_DECISION_INVALID',
  /** No approval request with this id, or none pending for the quote. */
  APPROVAL_REQUEST_NOT_FOUND: 'APPROVAL_REQUEST_NOT_FOUND',
  /** The caller is not an approver of any rule waiting at the current level (403). */
  APPROVAL_NOT_YOURS: 'APPROVAL_NOT_YOURS',
  /** The quote changed after the request was submitted; the request was cancelled (409). */
  APPROVAL_REQUEST_STALE: 'APPROVAL_REQUEST_STALE',
  /** Presenting or accepting needs a valid buyer link. */
  BUYER_LINK_INVALID: 'BUYER_LINK_INVALID',
  /** The buyer form failed validation (missing name, consent, CSRF). */
  BUYER_FORM_INVALID: 'BUYER_FORM_INVALID',
  /** Document template failed to compile. */
  DOCUMENT_TEMPLATE_INVALID: 'DOCUMENT_TEMPLATE_INVALID',
  /** No document (PDF) for this quote revision yet. */
  DOCUMENT_NOT_FOUND: 'DOCUMENT_NOT_FOUND',
} as const;
