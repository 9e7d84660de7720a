import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { TokenProvider } from './token-provider.ts';
import { HUBSPOT_ERROR } from './hubspot-error-codes.ts';

/**
 * Fixed tokens per portal: sandbox mode (the sandbox's demo token for its demo portal) and tests.
 * Portals without a token are "not installed".
 */
export function createStaticTokenProvider(tokens: ReadonlyMap<number, string>): TokenProvider {
  return {
    async getAccessToken(portalId: PortalId) {
      const token = tokens.get(portalId);
      if (token === undefined)
        throw new AppError(
          'forbidden',
          HUBSPOT_ERROR.PORTAL_NOT_INSTALLED,
          `Portal ${portalId} has not installed the app`,
        );
      return token;
    },
    invalidate() {
      // Static tokens cannot be refreshed; HubSpot's 401 surfaces to the caller.
    },
  };
}
