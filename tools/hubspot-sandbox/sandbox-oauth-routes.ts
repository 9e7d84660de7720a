import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { SandboxClock } from './sandbox-clock.ts';
import { hubSpotError, oauthError, validationError } from './sandbox-errors.ts';
import { param, queryValue, rawBody } from './sandbox-http.ts';
import { requestContext } from './sandbox-request-context.ts';
import type { SandboxStore } from './sandbox-store.ts';
import { ALL_SCOPES, type AccessTokenRecord, type TokenStore } from './sandbox-token-store.ts';

/**
 * OAuth as a marketplace app sees it (HubSpot docs "Working with OAuth"): the authorize redirect (auto-consented, with
 * an optional `portalId` query parameter to install into another sandbox portal), the form-encoded
 * token endpoint for `authorization_code` and `refresh_token`, token info, refresh-token info and
 * revoke, v3 introspection, and app-initiated uninstall.
 */
export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  appId: number;
  userId: number;
  userEmail: string;
}

const credentials = { client_id: z.string().min(1), client_secret: z.string().min(1) };
const tokenFormSchema = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1),
    redirect_uri: z.string().min(1),
    ...credentials,
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1),
    redirect_uri: z.string().optional(),
    ...credentials,
  }),
]);
const introspectFormSchema = z.object({ token: z.string().min(1), ...credentials });

function formOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(rawBody(req).toString('utf8')).entries());
}

function scopeList(raw: string | undefined): string[] {
  return (raw ?? '').split(/[\s+]+/).filter((scope) => scope !== '');
}

export function createOAuthRouter(
  store: SandboxStore,
  tokens: TokenStore,
  config: OAuthClientConfig,
  clock: SandboxClock,
): Router {
  const router = Router();

  const checkClient = (clientId: string, clientSecret: string): void => {
    if (clientId !== config.clientId)
      throw oauthError('BAD_CLIENT_ID', 'invalid_client', 'missing or unknown client id');
    if (clientSecret !== config.clientSecret)
      throw oauthError('BAD_CLIENT_SECRET', 'invalid_client', 'missing or invalid client secret');
  };

  const tokenInfo = (record: AccessTokenRecord) => ({
    token: record.token,
    user: record.userEmail,
    hub_domain: `sandbox-${record.hubId}.hubspot.local`,
    scopes: record.scopes,
    hub_id: record.hubId,
    app_id: record.appId,
    expires_in:
      record.expiresAt === null ? 2_147_483 : Math.max(0, Math.floor((record.expiresAt - clock.now()) / 1000)),
    user_id: record.userId,
    token_type: 'access',
  });

  router.get('/oauth/authorize', (req: Request, res: Response) => {
    if (queryValue(req, 'client_id') !== config.clientId)
      throw oauthError('BAD_CLIENT_ID', 'invalid_client', 'missing or unknown client id');
    const redirectUri = queryValue(req, 'redirect_uri');
    if (!redirectUri) throw validationError('redirect_uri is required');
    const portalId = Number(queryValue(req, 'portalId') ?? store.defaultPortalId);
    if (!Number.isSafeInteger(portalId) || portalId <= 0) throw validationError('portalId must be a positive integer');
    const portal = store.createPortal(portalId);
    // A Starter/Professional portal cannot grant custom-object scopes: optional ones are dropped,
    // required ones make the install fail.
    const grantable = (scope: string) =>
      ALL_SCOPES.includes(scope) && (portal.enterprise || !scope.includes('.custom.'));
    const required = scopeList(queryValue(req, 'scope'));
    const refused = required.filter((scope) => !grantable(scope));
    if (refused.length > 0)
      throw validationError(`This portal cannot grant the required scopes: ${refused.join(', ')}`);
    const scopes = [...new Set([...required, ...scopeList(queryValue(req, 'optional_scope')).filter(grantable)])];
    const code = tokens.mintCode(
      {
        hubId: portalId,
        appId: config.appId,
        userId: config.userId,
        userEmail: config.userEmail,
        scopes,
        clientId: config.clientId,
      },
      redirectUri,
    );
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = queryValue(req, 'state');
    if (state !== undefined) target.searchParams.set('state', state);
    res.redirect(302, target.toString());
  });

  const token = (req: Request, res: Response) => {
    const parsed = tokenFormSchema.safeParse(formOf(req));
    if (!parsed.success)
      throw oauthError(
        'BAD_REQUEST',
        'invalid_request',
        'grant_type, client_id, client_secret and the grant fields are required',
      );
    const form = parsed.data;
    checkClient(form.client_id, form.client_secret);
    const body =
      form.grant_type === 'authorization_code'
        ? tokens.exchangeCode(form.code, form.redirect_uri, form.client_id)
        : tokens.refresh(form.refresh_token, form.client_id);
    res.json(body);
  };
  router.post('/oauth/v1/token', token);
  router.post('/oauth/v3/token', token);

  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const record = tokens.findAccessToken(param(req, 'token'));
    if (!record || (record.expiresAt !== null && record.expiresAt <= clock.now())) {
      throw hubSpotError(404, 'OBJECT_NOT_FOUND', 'Token not found or expired');
    }
    res.json(tokenInfo(record));
  });

  router.get('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const record = tokens.findRefreshToken(param(req, 'token'));
    if (!record) throw hubSpotError(404, 'OBJECT_NOT_FOUND', 'Refresh token not found');
    res.json({
      token: record.token,
      user: record.userEmail,
      hub_domain: `sandbox-${record.hubId}.hubspot.local`,
      scopes: record.scopes,
      hub_id: record.hubId,
      client_id: record.clientId,
      user_id: record.userId,
      token_type: 'refresh',
    });
  });

  router.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    if (!tokens.revokeRefreshToken(param(req, 'token')))
      throw hubSpotError(404, 'OBJECT_NOT_FOUND', 'Refresh token not found');
    res.status(204).end();
  });

  router.post('/oauth/v3/token/introspect', (req, res) => {
    const parsed = introspectFormSchema.safeParse(formOf(req));
    if (!parsed.success)
      throw oauthError('BAD_REQUEST', 'invalid_request', 'token, client_id and client_secret are required');
    checkClient(parsed.data.client_id, parsed.data.client_secret);
    const access = tokens.findAccessToken(parsed.data.token);
    const live = access && (access.expiresAt === null || access.expiresAt > clock.now());
    if (access && live) {
      res.json({ active: true, token_use: 'access_token', ...tokenInfo(access), scope: access.scopes.join(' ') });
      return;
    }
    const refresh = tokens.findRefreshToken(parsed.data.token);
    res.json(
      refresh
        ? {
            active: true,
            token_use: 'refresh_token',
            hub_id: refresh.hubId,
            client_id: refresh.clientId,
            scope: refresh.scopes.join(' '),
          }
        : { active: false },
    );
  });

  // Bearer-authenticated (the sandbox mounts its auth middleware on /appinstalls).
  router.delete('/appinstalls/v3/external-install', (req, res) => {
    const context = requestContext(req);
    tokens.revokeInstall(context.portal.portalId, context.appId);
    res.status(204).end();
  });

  return router;
}
