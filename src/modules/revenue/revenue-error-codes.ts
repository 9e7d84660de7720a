/**
 * Every error code the revenue module raises, in one table: the code names the failure, the kind
 * (see src/kernel/errors/error-status.ts) decides the HTTP status and the CLI exit code.
 */
export const REVENUE_ERROR_CODES = {
  /** `cpq revenue-schedule` / `POST /api/v1/revenue/schedule`: the request breaks the public contract. */
  REVENUE_REQUEST_INVALID: 'validation',
  /** SSP rules: an admin import or edit is malformed. */
  REVENUE_SSP_INVALID: 'validation',
  /** Reports and exports: bad `from`/`to`/`portal` parameters. */
  REVENUE_QUERY_INVALID: 'validation',
  /** A contract the revenue module was told about cannot be read (not yet visible, or deleted). */
  REVENUE_CONTRACT_NOT_FOUND: 'not-found',
  /** A domain event's payload read back from the job table does not parse. */
  REVENUE_EVENT_INVALID: 'validation',
  /** A contract cannot be scheduled (e.g. no SSP and no price for a line). */
  REVENUE_CONTRACT_UNSCHEDULABLE: 'validation',
} as const;

export type RevenueErrorCode = keyof typeof REVENUE_ERROR_CODES;
