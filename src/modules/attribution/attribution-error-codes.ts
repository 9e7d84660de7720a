/** Error codes of the attribution module (one table, used instead of free strings). */
export const ATTRIBUTION_ERROR_CODES = {
  /** `cpq attribute` / `POST /api/v1/attribution/compute` request failed validation. */
  requestInvalid: 'ATTRIBUTION_REQUEST_INVALID',
  /** A touchpoint CSV import had invalid rows (nothing was written). */
  touchpointImportInvalid: 'ATTRIBUTION_TOUCHPOINT_IMPORT_INVALID',
} as const;

export type AttributionErrorCode = (typeof ATTRIBUTION_ERROR_CODES)[keyof typeof ATTRIBUTION_ERROR_CODES];
