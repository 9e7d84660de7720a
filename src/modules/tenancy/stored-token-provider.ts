import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError, isAppError } from '../../kernel/errors/app-error.ts';
import type { TokenProvider } from '../../integrations/hubspot/index.ts';
import type { HubSpotOAuthClient } from './hubspot-oauth-client.ts';
import { REFRESH_REVOKED } from './hubspot-oauth-client.ts';
import { findInstall, readTokens, saveTokens, type StoredTokens } from './install-repository.ts';
import type { TokenCipher } from './token-cipher.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

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
  return new AppError('forbidden', TENANCY_ERROR.PORTAL_NOT_INSTALLED, `Portal ${portalId} has not installed the app`);
}

/**
 * Advisory lock namespace of token refreshes (two-key form `pg_advisory_xact_lock(int4, int4)`,
 * a key space apart from the one-key bigint locks of migrations, quotes and webhooks):
 * 'CPQT' as an int4. The second key is the portal id folded to int4 (`| 0`); two portals that
 * fold to the same key only share a lock, which serialises their refreshes, never mixes tokens.
 */
export const TOKEN_REFRESH_LOCK_NAMESPACE = 0x43505154;

/**
 * TokenProvider over the encrypted `portal_tokens` rows. Reads the row on every call (no
 * plaintext cache), so an uninstall from another process (the CLI) takes effect at once.
 * Refreshes are single-flight per portal within a process (in-flight promise); across processes
 * the store happens under a transaction-scoped advisory lock per portal, and a token another
 * process stored meanwhile wins (the HTTP call itself never runs inside the transaction).
 */
export function createStoredTokenProvider(options: StoredTokenProviderOptions): TokenProvider {
  const inFlight = new Map<PortalId, Promise<string>>();
  const rejected = new Map<PortalId, string>();

  function usable(portalId: PortalId, tokens: StoredTokens): string | undefined {
    const fresh =
      tokens.accessToken !== null &&
      tokens.accessTokenExpiresAt !== null &&
      tokens.accessTokenExpiresAt - REFRESH_MARGIN_MS > options.now() &&
      rejected.get(portalId) !== tokens.accessToken;
    return fresh && tokens.accessToken !== null ? tokens.accessToken : undefined;
  }

  /**
   * Reads the row, asks HubSpot for a new access token OUTSIDE any transaction (a refresh can wait
   * for HubSpot's timeout; inside a transaction that would hold PGlite's one connection), then
   * stores it under the portal's lock. If another process stored a usable token meanwhile, that
   * one is kept and returned; both are valid (HubSpot keeps the refresh token on refresh, OAuth
   * page "Refresh an access token").
   */
  async function refreshLocked(portalId: PortalId): Promise<string> {
    const install = await findInstall(options.db, portalId);
    if (install?.status !== 'installed') throw notInstalled(portalId);
    const before = await readTokens(options.db, options.cipher, portalId);
    if (!before) throw notInstalled(portalId);
    const grant = await options.oauth.refresh(before.refreshToken);
    return options.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${TOKEN_REFRESH_LOCK_NAMESPACE}::int4, ${portalId | 0}::int4)`.execute(
        trx,
      );
      const current = await findInstall(trx, portalId);
      if (current?.status !== 'installed') throw notInstalled(portalId);
      const tokens = await readTokens(trx, options.cipher, portalId);
      if (!tokens) throw notInstalled(portalId);
      const stored = tokens.accessToken !== before.accessToken ? usable(portalId, tokens) : undefined;
      if (stored !== undefined) return stored;
      const nowMs = options.now();
      await saveTokens(
        trx,
        options.cipher,
        portalId,
        {
          refreshToken: grant.refreshToken,
          accessToken: grant.accessToken,
          accessTokenExpiresAt: nowMs + grant.expiresInSeconds * 1000,
        },
        new Date(nowMs),
      );
      return grant.accessToken;
    });
  }

  async function refresh(portalId: PortalId): Promise<string> {
    try {
      const token = await refreshLocked(portalId);
      rejected.delete(portalId);
      return token;
    } catch (error) {
      // After the transaction: the uninstall opens its own (on PGlite a nested one would wait forever).
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
    return usable(portalId, tokens) ?? refresh(portalId);
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
