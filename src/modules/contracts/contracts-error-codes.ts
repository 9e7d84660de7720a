/**
 * Every error code the contracts module answers with. The kind (validation -> 400 / exit 2,
 * not-found -> 404, conflict -> 409) comes from src/kernel/errors/error-status.ts.
 */
export const CONTRACTS_ERROR_CODES = {
  /** `cpq amend` / `POST /api/v1/contracts/amendment/price`: the request failed validation. */
  AMENDMENT_REQUEST_INVALID: 'AMENDMENT_REQUEST_INVALID',
  /** `cpq renew` / `POST /api/v1/contracts/renewal/price`: the request failed validation. */
  RENEWAL_REQUEST_INVALID: 'RENEWAL_REQUEST_INVALID',
  /** A contracts API body, query or CLI argument failed validation. */
  CONTRACT_INPUT_INVALID: 'CONTRACT_INPUT_INVALID',
  /** `cpq contracts import`: at least one row failed validation; nothing was written. */
  CONTRACT_IMPORT_INVALID: 'CONTRACT_IMPORT_INVALID',
  /** A domain event's job data failed its schema (a bug upstream; the job is retried, then dead-lettered). */
  CONTRACT_EVENT_INVALID: 'CONTRACT_EVENT_INVALID',
  /** No contract with this id in the portal. */
  CONTRACT_NOT_FOUND: 'CONTRACT_NOT_FOUND',
  /** The quote to contract is not in a state that can be contracted (missing, no lines, wrong portal). */
  QUOTE_NOT_CONTRACTABLE: 'QUOTE_NOT_CONTRACTABLE',
  /** An amendment of a contract that is not active, or an amendment already open for it. */
  CONTRACT_NOT_AMENDABLE: 'CONTRACT_NOT_AMENDABLE',
} as const;

export type ContractsErrorCode = keyof typeof CONTRACTS_ERROR_CODES;
