/**
 * The settings module's error codes: one typed table instead of free strings (the HTTP status comes from
 * the AppError kind). Clients match on these strings, so a published code never changes.
 */
export const SETTINGS_ERROR = {
  SETTINGS_INVALID: 'SETTINGS_INVALID',
} as const;

export type SettingsErrorCode = (typeof SETTINGS_ERROR)[keyof typeof SETTINGS_ERROR];
