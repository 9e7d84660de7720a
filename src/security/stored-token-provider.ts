import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/db-schema.ts';
import type { PortalId } from '../db/portal-id.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { TokenProvider } from '../hubspot/token-provider.ts';
import type { HubSpotOAuthClient } from '../install/hubspot-oauth-client.ts';
import { REFRESH_REVOKED } from '../install/hubspot-oauth-client.ts';
import { findInstall, readTokens, saveTokens } from '../install/install-repository.ts';
import type { TokenCipher } from './token-cipher.ts';

/** Refresh this long before HubSpot's expiry (1800 s tokens), so a call never starts with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface StoredTokenProviderOptions {
  db: Kysely<DatabaseSchema>;
  cipher: TokenCipher;
  oauth: HubSpotOAuthClient;
  now: () => number;
  /** HubSpot refused the refresh token (customer uninstalled): mark the portal uninstalled. */
  onRevoked(portalId: PortalId): Promise<void>;
}

function notInstalled(portalId: PortalId): AppError {
  return new AppError('forbidden', 'PORTAL_NOT_INSTALLED', `Portal ${portalId} has not installed the app`);
}

/**
 * TokenProvider over the encrypted `portal_tokens` rows. Reads the row on every call (no
 * plaintext cache), so an uninstall from another process (the CLI) takes effect at once.
 * Refreshes are single-flight per portal within a process; across processes two refreshes may
 * race, which is harmless because HubSpot keeps the refresh token and both access tokens are valid.
 */
export function createStoredTokenProvider(options: StoredTokenProviderOptions): TokenProvider {
  const inFlight = new Map<PortalId, Promise<string>>();
  const rejected = new Map<PortalId, string>();

  async function refresh(portalId: PortalId, refreshToken: string): Promise<string> {
    try {
      const grant = await options.oauth.refresh(refreshToken);
      const nowMs = options.now();
      await saveTokens(
        options.db,
        options.cipher,
        portalId,
        { refreshToken: grant.refreshToken, accessToken: grant.accessToken, accessTokenExpiresAt: nowMs + grant.expiresInSeconds * 1000 },
        new Date(nowMs),
      );
      rejected.delete(portalId);
      return grant.accessToken;
    } catch (error) {
      if (isAppError(error) && error.code === REFRESH_REVOKED) {
        await options.onRevoked(portalId);
        throw notInstalled(portalId);
      }
      throw error;
    }
  }

  async function load(portalId: PortalId): Promise<string> {
    const install = await findInstall(options.db, portalId);
    if (install?.status !== 'installed') throw notInstalled(portalId);
    const tokens = await readTokens(options.db, options.cipher, portalId);
    if (!tokens) throw notInstalled(portalId);
    const fresh =
      tokens.accessToken !== null &&
      tokens.accessTokenExpiresAt !== null &&
      tokens.accessTokenExpiresAt - REFRESH_MARGIN_MS > options.now() &&
      rejected.get(portalId) !== tokens.accessToken;
    if (fresh && tokens.accessToken !== null) return tokens.accessToken;
    return refresh(portalId, tokens.refreshToken);
  }

  return {
    getAccessToken(portalId) {
      const running = inFlight.get(portalId);
      if (running) return running;
      const promise = load(portalId).finally(() => inFlight.delete(portalId));
      inFlight.set(portalId, promise);
      return promise;
    },
    invalidate(portalId, token) {
      // HubSpot answered 401 for this token: the next call refreshes even if it looks unexpired.
      rejected.set(portalId, token);
    },
  };
}
