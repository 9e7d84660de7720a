/**
 * The HubSpot integration's error codes: one typed table instead of free strings (the HTTP status comes from
 * the AppError kind). Clients match on these strings, so a published code never changes.
 */
export const HUBSPOT_ERROR = {
  HUBSPOT_TOKEN_UNAVAILABLE: 'HUBSPOT_TOKEN_UNAVAILABLE',
  PORTAL_NOT_INSTALLED: 'PORTAL_NOT_INSTALLED',
  WEBHOOK_BATCH_INVALID: 'WEBHOOK_BATCH_INVALID',
  WEBHOOK_EVENT_NOT_FOUND: 'WEBHOOK_EVENT_NOT_FOUND',
  WEBHOOK_EVENT_NOT_RETRYABLE: 'WEBHOOK_EVENT_NOT_RETRYABLE',
  WEBHOOK_EVENT_VANISHED: 'WEBHOOK_EVENT_VANISHED',
} as const;

export type HubspotErrorCode = (typeof HUBSPOT_ERROR)[keyof typeof HUBSPOT_ERROR];
