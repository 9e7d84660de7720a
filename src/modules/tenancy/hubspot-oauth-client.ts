import { z } from 'zod';
import { AppError } from '../../kernel/errors/app-error.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';
import { assertOutsideTransaction } from '../../kernel/db/transaction-context.ts';

/**
 * HubSpot's OAuth endpoints (HubSpot docs "Working with OAuth") over fetch: token exchange and refresh (form-encoded),
 * token info, app-initiated uninstall. Tokens travel only in request bodies/paths to HubSpot and
 * never appear in error messages.
 */
export interface OAuthCredentials {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export interface AccessTokenInfo {
  hubId: number;
  userId: number | undefined;
  hubDomain: string | undefined;
  scopes: string[];
}

export interface HubSpotOAuthClient {
  exchangeCode(code: string): Promise<TokenGrant>;
  /** Throws `forbidden` OAUTH_REFRESH_REVOKED on `invalid_grant` / BAD_REFRESH_TOKEN (= uninstalled). */
  refresh(refreshToken: string): Promise<TokenGrant>;
  tokenInfo(accessToken: string): Promise<AccessTokenInfo>;
  uninstall(accessToken: string): Promise<void>;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});
const TokenInfoResponse = z.object({
  hub_id: z.number().int().positive(),
  user_id: z.number().int().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()),
});
const OAuthErrorBody = z.object({ error: z.string().optional(), status: z.string().optional() }).passthrough();

export const REFRESH_REVOKED = 'OAUTH_REFRESH_REVOKED';

async function failure(response: Response, what: string): Promise<AppError> {
  const body = OAuthErrorBody.safeParse(await response.json().catch(() => ({})));
  const status = body.success ? (body.data.status ?? body.data.error ?? '') : '';
  if (response.status === 429)
    return new AppError('rate-limited', TENANCY_ERROR.HUBSPOT_RATE_LIMITED, `HubSpot rate-limited ${what}`, {
      retryAfterSeconds: 10,
    });
  if (response.status >= 500)
    return new AppError(
      'unavailable',
      TENANCY_ERROR.HUBSPOT_UNAVAILABLE,
      `HubSpot failed ${what} (${response.status})`,
    );
  return new AppError(
    'validation',
    TENANCY_ERROR.HUBSPOT_OAUTH_REJECTED,
    `HubSpot rejected ${what} (${response.status} ${status})`.trim(),
  );
}

export function createHubSpotOAuthClient(options: {
  apiBaseUrl: string;
  credentials: OAuthCredentials;
  fetch?: typeof fetch;
}): HubSpotOAuthClient {
  const fetchImpl = options.fetch ?? fetch;
  // Same rule as the API client: no HubSpot round trip while a database transaction is open.
  const doFetch: typeof fetch = (input, init) => {
    assertOutsideTransaction('HubSpot OAuth');
    return fetchImpl(input, init);
  };
  const base = options.apiBaseUrl.replace(/\/$/, '');
  const { clientId, clientSecret, redirectUri } = options.credentials;

  async function tokenRequest(form: Record<string, string>, what: string): Promise<TokenGrant> {
    const response = await doFetch(`${base}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...form,
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uri: redirectUri,
      }).toString(),
    });
    if (!response.ok) {
      if (response.status === 400 && what === 'the token refresh') {
        const body = OAuthErrorBody.safeParse(
          await response
            .clone()
            .json()
            .catch(() => ({})),
        );
        // Reference §7: 400 { error: "invalid_grant", status: "BAD_REFRESH_TOKEN" } = the customer uninstalled.
        if (body.success && (body.data.error === 'invalid_grant' || body.data.status === 'BAD_REFRESH_TOKEN')) {
          throw new AppError(
            'forbidden',
            REFRESH_REVOKED,
            'HubSpot refused the refresh token: the app was uninstalled',
          );
        }
      }
      throw await failure(response, what);
    }
    const parsed = TokenResponse.safeParse(await response.json());
    if (!parsed.success)
      throw new AppError(
        'unavailable',
        TENANCY_ERROR.HUBSPOT_OAUTH_MALFORMED,
        `HubSpot answered ${what} with an unexpected body`,
      );
    return {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token,
      expiresInSeconds: parsed.data.expires_in,
    };
  }

  return {
    exchangeCode: (code) => tokenRequest({ grant_type: 'authorization_code', code }, 'the authorization code'),
    refresh: (refreshToken) =>
      tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'the token refresh'),
    async tokenInfo(accessToken) {
      const response = await doFetch(`${base}/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`);
      if (!response.ok) throw await failure(response, 'the token info request');
      const parsed = TokenInfoResponse.safeParse(await response.json());
      if (!parsed.success)
        throw new AppError(
          'unavailable',
          TENANCY_ERROR.HUBSPOT_OAUTH_MALFORMED,
          'HubSpot answered the token info request with an unexpected body',
        );
      return {
        hubId: parsed.data.hub_id,
        userId: parsed.data.user_id,
        hubDomain: parsed.data.hub_domain,
        scopes: parsed.data.scopes,
      };
    },
    async uninstall(accessToken) {
      const response = await doFetch(`${base}/appinstalls/v3/external-install`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (!response.ok) throw await failure(response, 'the uninstall request');
    },
  };
}
