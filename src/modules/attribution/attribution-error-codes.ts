/** Error codes of the attribution module (one table, used instead of free strings). */
export const ATTRIBUTION_ERROR_CODES = {
  /** `cpq attribute` / `POST /api/v1/attribution/compute` request failed validation. */
  requestInvalid: 'ATTRIBUTION_REQUEST_INVALID',
  /** A touchpoint CSV import had invalid rows (nothing was written). */
  touchpointImportInvalid: 'ATTRIBUTION_TOUCHPOINT_IMPORT_INVALID',
  /** Report query parameters failed validation. */
  reportQueryInvalid: 'ATTRIBUTION_REPORT_QUERY_INVALID',
  /** A stored row no longer satisfies the engine's schema (corrupted or hand-edited data). */
  storedDataInvalid: 'ATTRIBUTION_STORED_DATA_INVALID',
  /** CLI arguments failed validation. */
  argsInvalid: 'ATTRIBUTION_ARGS_INVALID',
} as const;

export type AttributionErrorCode = (typeof ATTRIBUTION_ERROR_CODES)[keyof typeof ATTRIBUTION_ERROR_CODES];
