import type { PortalId } from '../../kernel/db/portal-id.ts';

/**
 * Where HubSpot access tokens come from. The HubSpot client factory asks it before each call;
 * the install/security module implements it over encrypted stored tokens (refresh before expiry,
 * single-flight per portal); sandbox mode and tests use a static one.
 */
export interface TokenProvider {
  /** A valid access token for the portal. Throws AppError 'forbidden' PORTAL_NOT_INSTALLED when there is none. */
  getAccessToken(portalId: PortalId): Promise<string>;
  /** HubSpot rejected this token (401): forget it so the next call refreshes. */
  invalidate(portalId: PortalId, token: string): void;
}
