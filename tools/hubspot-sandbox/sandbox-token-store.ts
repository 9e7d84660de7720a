import { randomBytes } from 'node:crypto';
import type { SandboxClock } from './sandbox-clock.ts';
import { oauthError } from './sandbox-errors.ts';

/**
 * OAuth state: authorization codes, access tokens (1800 s, HubSpot docs "Working with OAuth") and refresh tokens.
 * A well-known demo token is always valid for the default portal, so a newcomer can call the
 * sandbox without going through the install flow.
 */
export const SANDBOX_DEMO_ACCESS_TOKEN = 'sandbox-demo-access-token';
export const SANDBOX_DEMO_REFRESH_TOKEN = 'sandbox-demo-refresh-token';
export const ACCESS_TOKEN_TTL_SECONDS = 1800;

export const ALL_SCOPES: readonly string[] = [
  'oauth',
  ...['contacts', 'companies', 'deals', 'line_items', 'products', 'quotes', 'invoices', 'custom'].flatMap((object) => [
    `crm.objects.${object}.read`,
    `crm.objects.${object}.write`,
  ]),
  ...['contacts', 'companies', 'deals', 'line_items', 'quotes', 'invoices', 'custom'].flatMap((object) => [
    `crm.schemas.${object}.read`,
    `crm.schemas.${object}.write`,
  ]),
];

export interface Grant {
  hubId: number;
  appId: number;
  userId: number;
  userEmail: string;
  scopes: string[];
  clientId: string;
}

export interface AccessTokenRecord extends Grant {
  token: string;
  /** null = never expires (the demo token). */
  expiresAt: number | null;
  refreshToken: string | null;
}

export interface RefreshTokenRecord extends Grant {
  token: string;
}

export interface OAuthStateData {
  accessTokens: Record<string, AccessTokenRecord>;
  refreshTokens: Record<string, RefreshTokenRecord>;
}

interface AuthCode extends Grant {
  redirectUri: string;
  expiresAt: number;
}

export interface TokenResponse {
  token_type: 'bearer';
  access_token: string;
  refresh_token: string;
  expires_in: number;
  hub_id: number;
  scopes: string[];
}

interface TokenStoreDeps {
  clock: SandboxClock;
  data: () => OAuthStateData;
  demoGrant: () => Grant;
  markDirty(): void;
}

const CODE_TTL_MS = 10 * 60 * 1000;

export class TokenStore {
  private readonly deps: TokenStoreDeps;
  private readonly codes = new Map<string, AuthCode>();

  constructor(deps: TokenStoreDeps) {
    this.deps = deps;
  }

  mintCode(grant: Grant, redirectUri: string): string {
    const code = `sandbox-code-${randomBytes(12).toString('hex')}`;
    this.codes.set(code, { ...grant, redirectUri, expiresAt: this.deps.clock.now() + CODE_TTL_MS });
    return code;
  }

  /** `grant_type=authorization_code`: a code is single-use and bound to its redirect URI and client. */
  exchangeCode(code: string, redirectUri: string, clientId: string): TokenResponse {
    const stored = this.codes.get(code);
    this.codes.delete(code);
    if (!stored || stored.expiresAt < this.deps.clock.now() || stored.clientId !== clientId) {
      throw oauthError('BAD_AUTH_CODE', 'invalid_grant', 'missing or unknown auth code');
    }
    if (stored.redirectUri !== redirectUri) {
      throw oauthError(
        'BAD_REDIRECT_URI',
        'invalid_grant',
        'redirect_uri does not match the one used to obtain the code',
      );
    }
    const refreshToken = `sandbox-rt-${randomBytes(16).toString('hex')}`;
    const { redirectUri: _unused, expiresAt: _expires, ...grant } = stored;
    this.deps.data().refreshTokens[refreshToken] = { ...grant, token: refreshToken };
    return this.issue(grant, refreshToken);
  }

  /** `grant_type=refresh_token`; HubSpot keeps the refresh token and issues a new access token. */
  refresh(refreshToken: string, clientId: string): TokenResponse {
    const record = this.findRefreshToken(refreshToken);
    if (!record || record.clientId !== clientId) {
      // Reference §7: 400 `{ "error": "invalid_grant", "status": "BAD_REFRESH_TOKEN" }` = uninstalled.
      throw oauthError('BAD_REFRESH_TOKEN', 'invalid_grant', 'missing or unknown refresh token');
    }
    const { token: _token, ...grant } = record;
    return this.issue(grant, refreshToken);
  }

  findAccessToken(token: string): AccessTokenRecord | undefined {
    if (token === SANDBOX_DEMO_ACCESS_TOKEN) {
      return { ...this.deps.demoGrant(), token, expiresAt: null, refreshToken: SANDBOX_DEMO_REFRESH_TOKEN };
    }
    return this.deps.data().accessTokens[token];
  }

  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    if (token === SANDBOX_DEMO_REFRESH_TOKEN) return { ...this.deps.demoGrant(), token };
    return this.deps.data().refreshTokens[token];
  }

  /** Revokes one refresh token and the access tokens issued from it. */
  revokeRefreshToken(token: string): boolean {
    const data = this.deps.data();
    const existed = data.refreshTokens[token] !== undefined;
    Reflect.deleteProperty(data.refreshTokens, token);
    for (const [key, access] of Object.entries(data.accessTokens))
      if (access.refreshToken === token) Reflect.deleteProperty(data.accessTokens, key);
    this.deps.markDirty();
    return existed;
  }

  /** Uninstall: every token of this app in this portal stops working (the demo token excepted). */
  revokeInstall(hubId: number, appId: number): void {
    const data = this.deps.data();
    for (const [key, record] of Object.entries(data.refreshTokens))
      if (record.hubId === hubId && record.appId === appId) Reflect.deleteProperty(data.refreshTokens, key);
    for (const [key, record] of Object.entries(data.accessTokens))
      if (record.hubId === hubId && record.appId === appId) Reflect.deleteProperty(data.accessTokens, key);
    this.deps.markDirty();
  }

  private issue(grant: Grant, refreshToken: string): TokenResponse {
    const token = `sandbox-at-${randomBytes(16).toString('hex')}`;
    const expiresAt = this.deps.clock.now() + ACCESS_TOKEN_TTL_SECONDS * 1000;
    this.deps.data().accessTokens[token] = { ...grant, token, expiresAt, refreshToken };
    this.deps.markDirty();
    return {
      token_type: 'bearer',
      access_token: token,
      refresh_token: refreshToken,
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      hub_id: grant.hubId,
      scopes: grant.scopes,
    };
  }
}
