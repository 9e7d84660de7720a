import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { perIpRateLimit } from '../../kernel/http/ip-rate-limit.ts';
import { consumeOAuthState } from './oauth-state-nonces.ts';
import { signOAuthState, verifyOAuthState } from './oauth-state.ts';
import { authorizeUrl, completeInstall, type InstallContext } from './install-service.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

export interface OAuthRoutesOptions {
  /** app.hubspot.com/oauth/authorize, or the sandbox's /oauth/authorize. */
  authorizeBaseUrl: string;
  clientId: string;
  redirectUri: string;
  stateKey: Buffer;
  /** Where the success page links back to (HubSpot's connected-apps page of the portal). */
  hubSpotAppUrl: string;
  context: () => Promise<InstallContext>;
  now: () => number;
  /** Per client address per minute on each route (default 30): a callback costs a HubSpot token call. */
  perIpPerMinute?: number;
}

const CallbackQuery = z.object({
  code: z.string().min(1).max(2048),
  state: z.string().min(1).max(1024),
});
const DeniedQuery = z.object({ error: z.string().max(200), error_description: z.string().max(1000).optional() });

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** `GET /oauth/install` and `GET /oauth/callback` (public, unsigned; the state is the CSRF proof). */
export function oauthRouter(options: OAuthRoutesOptions): Router {
  const router = Router();
  const limit = (name: string) =>
    perIpRateLimit({ name, limit: options.perIpPerMinute ?? 30, windowMs: 60_000, now: options.now });

  router.get('/oauth/install', limit('/oauth/install'), (_req, res) => {
    const state = signOAuthState(options.stateKey, options.now());
    res.redirect(
      302,
      authorizeUrl({
        authorizeBaseUrl: options.authorizeBaseUrl,
        clientId: options.clientId,
        redirectUri: options.redirectUri,
        state,
      }),
    );
  });

  router.get('/oauth/callback', limit('/oauth/callback'), async (req, res) => {
    const denied = DeniedQuery.safeParse(req.query);
    if (denied.success)
      throw new AppError('forbidden', TENANCY_ERROR.INSTALL_DENIED, 'The install was not approved in HubSpot');
    const query = parseInput(CallbackQuery, req.query, TENANCY_ERROR.OAUTH_CALLBACK_INVALID);
    const nowMs = options.now();
    const state = verifyOAuthState(options.stateKey, query.state, nowMs);
    const context = await options.context();
    // Single-use, consumed before the code exchange: a replayed callback writes nothing and a
    // failed exchange needs a new install anyway (HubSpot's codes are single-use too).
    await consumeOAuthState(context.db, state, nowMs);
    const outcome = await completeInstall(context, query.code);
    const back = `${options.hubSpotAppUrl.replace(/\/$/, '')}/integrations-settings/${outcome.portalId}/installed`;
    const features = outcome.features.length > 0 ? outcome.features.join(', ') : 'none';
    res
      .status(200)
      .type('html')
      .set('cache-control', 'no-store')
      .send(
        `<!doctype html><html><head><meta charset="utf-8"><title>CPQ installed</title></head><body>` +
          `<h1>CPQ is ${outcome.reinstall ? 're-installed' : 'installed'}</h1>` +
          `<p>Portal ${outcome.portalId}. Optional features on: ${escapeHtml(features)}. ` +
          `We are setting up the deal and quote properties in the background.</p>` +
          `<p><a href="${escapeHtml(back)}">Back to HubSpot</a></p></body></html>`,
      );
  });

  return router;
}
