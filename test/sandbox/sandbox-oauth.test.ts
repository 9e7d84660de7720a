import { Client } from '@hubspot/api-client';
import { ManualClock } from '../../tools/hubspot-sandbox/sandbox-clock.ts';
import { apiError, asRecord, startSandbox, type Harness } from './sandbox-harness.ts';

const REDIRECT = 'https://cpq.example.com/oauth/callback';

describe('sandbox OAuth (authorization_code, refresh_token, token info, uninstall, bearer checks)', () => {
  let h: Harness;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 4, 1));
    h = await startSandbox({ clock });
  });
  afterEach(async () => {
    await h.close();
  });

  const { clientId, clientSecret } = { clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' };

  /** The install redirect a browser would follow: /oauth/authorize -> 302 to the app with ?code&state. */
  async function authorize(query: Record<string, string> = {}): Promise<string> {
    const params = new URLSearchParams({
      client_id: clientId,
      redirect_uri: REDIRECT,
      scope: 'oauth crm.objects.deals.read',
      state: 'xyz',
      ...query,
    });
    const response = await h.http('GET', `/oauth/authorize?${params.toString()}`, { token: null });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz');
    return location.searchParams.get('code') ?? '';
  }

  test('authorization_code grant (form-encoded via the real client) returns tokens that work on CRM routes for 1800 s', async () => {
    const code = await authorize();
    const tokens = await h.client.oauth.tokensApi.create('authorization_code', code, REDIRECT, clientId, clientSecret);
    expect(tokens.expiresIn).toBe(1800);
    expect(tokens.tokenType).toBe('bearer');
    const app = new Client({ accessToken: tokens.accessToken, basePath: h.server.url });
    expect((await app.crm.deals.basicApi.getPage(1)).results).toHaveLength(1);
    clock.advance(1800 * 1000 + 5000);
    const expired = await apiError(app.crm.deals.basicApi.getPage(1));
    expect(expired.code).toBe(401);
    expect(expired.body).toMatchObject({
      category: 'EXPIRED_AUTHENTICATION',
      message: 'The OAuth token used to make this call expired 5 second(s) ago.',
    });
  });

  test('a code is single-use and bound to its redirect_uri', async () => {
    const exchange = (code: string, redirectUri: string) =>
      h.http('POST', '/oauth/v1/token', {
        token: null,
        form: {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: clientId,
          client_secret: clientSecret,
        },
      });
    const wrongRedirect = await exchange(await authorize(), 'https://evil.example/cb');
    expect(wrongRedirect.status).toBe(400);
    expect(asRecord(wrongRedirect.body)).toMatchObject({ error: 'invalid_grant', status: 'BAD_REDIRECT_URI' });
    const code = await authorize();
    expect((await exchange(code, REDIRECT)).status).toBe(200);
    const reused = await exchange(code, REDIRECT);
    expect(reused.status).toBe(400);
    expect(asRecord(reused.body)).toMatchObject({ error: 'invalid_grant', status: 'BAD_AUTH_CODE' });
  });

  test('refresh_token grant issues a new access token and keeps the refresh token', async () => {
    const first = await h.client.oauth.tokensApi.create(
      'authorization_code',
      await authorize(),
      REDIRECT,
      clientId,
      clientSecret,
    );
    const second = await h.client.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      clientId,
      clientSecret,
      first.refreshToken,
    );
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).toBe(first.refreshToken);
  });

  test('an unknown refresh token is 400 { error: "invalid_grant", status: "BAD_REFRESH_TOKEN" }', async () => {
    const response = await h.http('POST', '/oauth/v1/token', {
      token: null,
      form: {
        grant_type: 'refresh_token',
        refresh_token: 'not-a-token',
        client_id: clientId,
        client_secret: clientSecret,
      },
    });
    expect(response.status).toBe(400);
    expect(asRecord(response.body)).toMatchObject({ error: 'invalid_grant', status: 'BAD_REFRESH_TOKEN' });
    const viaClient = await apiError(
      h.client.oauth.tokensApi.create('refresh_token', undefined, undefined, clientId, clientSecret, 'not-a-token'),
    );
    expect(viaClient.code).toBe(400);
  });

  test('a wrong client secret is refused with invalid_client', async () => {
    const response = await h.http('POST', '/oauth/v1/token', {
      token: null,
      form: {
        grant_type: 'refresh_token',
        refresh_token: 'sandbox-demo-refresh-token',
        client_id: clientId,
        client_secret: 'wrong',
      },
    });
    expect(response.status).toBe(400);
    expect(asRecord(response.body)).toMatchObject({ error: 'invalid_client', status: 'BAD_CLIENT_SECRET' });
  });

  test('access token info: hub_id, user, scopes, expires_in', async () => {
    const tokens = await h.client.oauth.tokensApi.create(
      'authorization_code',
      await authorize({ portalId: '777' }),
      REDIRECT,
      clientId,
      clientSecret,
    );
    clock.advance(60_000);
    const info = await h.client.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info).toMatchObject({
      hubId: 777,
      user: 'demo-user@sandbox.local',
      scopes: ['oauth', 'crm.objects.deals.read'],
      expiresIn: 1740,
    });
  });

  test('granted scopes are enforced: a deals-read token gets 403 MISSING_SCOPES on writes', async () => {
    const tokens = await h.client.oauth.tokensApi.create(
      'authorization_code',
      await authorize(),
      REDIRECT,
      clientId,
      clientSecret,
    );
    const app = new Client({ accessToken: tokens.accessToken, basePath: h.server.url });
    const error = await apiError(app.crm.deals.basicApi.create({ properties: { dealname: 'x' }, associations: [] }));
    expect(error.code).toBe(403);
    expect(error.body.category).toBe('MISSING_SCOPES');
  });

  test('a non-Enterprise portal drops optional custom-object scopes at install', async () => {
    await h.http('POST', '/__sandbox/portals', { token: null, body: { portalId: 555, enterprise: false } });
    const code = await authorize({
      portalId: '555',
      optional_scope: 'crm.schemas.custom.read crm.objects.quotes.read',
    });
    const tokens = await h.client.oauth.tokensApi.create('authorization_code', code, REDIRECT, clientId, clientSecret);
    const info = await h.client.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info.scopes).toEqual(['oauth', 'crm.objects.deals.read', 'crm.objects.quotes.read']);
  });

  test('DELETE /appinstalls/v3/external-install uninstalls: the refresh token then fails with invalid_grant', async () => {
    const tokens = await h.client.oauth.tokensApi.create(
      'authorization_code',
      await authorize(),
      REDIRECT,
      clientId,
      clientSecret,
    );
    const uninstall = await h.http('DELETE', '/appinstalls/v3/external-install', { token: tokens.accessToken });
    expect(uninstall.status).toBe(204);
    const refresh = await h.http('POST', '/oauth/v1/token', {
      token: null,
      form: {
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken,
        client_id: clientId,
        client_secret: clientSecret,
      },
    });
    expect(asRecord(refresh.body)).toMatchObject({ error: 'invalid_grant', status: 'BAD_REFRESH_TOKEN' });
  });

  test('CRM routes answer 401 INVALID_AUTHENTICATION without a token or with an unknown one; the demo token always works', async () => {
    for (const token of [null, 'made-up-token']) {
      const response = await h.http('GET', '/crm/v3/objects/deals', { token });
      expect(response.status).toBe(401);
      expect(asRecord(response.body)).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    }
    clock.advance(365 * 86_400_000);
    expect((await h.http('GET', '/crm/v3/objects/deals')).status).toBe(200);
  });

  test('v3 introspection reports an access token active with its hub and scopes', async () => {
    const tokens = await h.client.oauth.tokensApi.create(
      'authorization_code',
      await authorize(),
      REDIRECT,
      clientId,
      clientSecret,
    );
    const response = await h.http('POST', '/oauth/v3/token/introspect', {
      token: null,
      form: { token: tokens.accessToken, client_id: clientId, client_secret: clientSecret },
    });
    expect(asRecord(response.body)).toMatchObject({
      active: true,
      hub_id: h.sandbox.portalId,
      scope: 'oauth crm.objects.deals.read',
    });
    const unknown = await h.http('POST', '/oauth/v3/token/introspect', {
      token: null,
      form: { token: 'nope', client_id: clientId, client_secret: clientSecret },
    });
    expect(unknown.body).toEqual({ active: false });
  });
});
