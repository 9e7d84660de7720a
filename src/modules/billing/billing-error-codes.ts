/**
 * Every error code the billing module raises. The kind (validation, not-found, conflict) decides
 * the HTTP status and CLI exit code (src/kernel/errors/error-status.ts).
 */
export const BILLING_ERROR_CODES = {
  /** `cpq billing-schedule` / `POST /api/v1/billing/schedule`: the request breaks the schema. */
  scheduleRequestInvalid: 'BILLING_SCHEDULE_REQUEST_INVALID',
  /** Billing settings (portal defaults or a contract's) are invalid. */
  settingsInvalid: 'BILLING_SETTINGS_INVALID',
  /** `cpq invoices ...` arguments are invalid. */
  invoicesCommandInvalid: 'INVOICES_COMMAND_INVALID',
  /** `cpq payments import`: the CSV has bad rows (each reported with its line number). */
  paymentsImportInvalid: 'PAYMENTS_IMPORT_INVALID',
  /** A payment request (API) is invalid. */
  paymentInvalid: 'PAYMENT_INVALID',
  /** No such invoice in this portal. */
  invoiceNotFound: 'INVOICE_NOT_FOUND',
  /** The invoice's state does not allow the action (pay a voided invoice, void a paid one, ...). */
  invoiceStateConflict: 'INVOICE_STATE_CONFLICT',
  /** A payment larger than the invoice's balance due. */
  paymentExceedsBalance: 'PAYMENT_EXCEEDS_BALANCE',
} as const;

export type BillingErrorCode = (typeof BILLING_ERROR_CODES)[keyof typeof BILLING_ERROR_CODES];
