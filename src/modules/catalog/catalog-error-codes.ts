/**
 * The catalog module's error codes: one typed table instead of free strings (the HTTP status comes from
 * the AppError kind). Clients match on these strings, so a published code never changes.
 */
export const CATALOG_ERROR = {
  CATALOG_FILE_INVALID: 'CATALOG_FILE_INVALID',
  CATALOG_IMPORT_INVALID: 'CATALOG_IMPORT_INVALID',
  CATALOG_QUERY_INVALID: 'CATALOG_QUERY_INVALID',
} as const;

export type CatalogErrorCode = (typeof CATALOG_ERROR)[keyof typeof CATALOG_ERROR];
