import { Router } from 'express';
import { z } from 'zod';
import { faultSettingsSchema, type FaultController } from './sandbox-faults.ts';
import { param, parseJsonBody } from './sandbox-http.ts';
import type { RequestStats } from './sandbox-request-stats.ts';
import type { SandboxStore } from './sandbox-store.ts';
import { ALL_SCOPES, type TokenStore } from './sandbox-token-store.ts';
import type { WebhookDispatcher } from './sandbox-webhook-dispatcher.ts';

/**
 * Admin routes that steer the sandbox itself: fault injection, request counters, webhook
 * deliveries, OAuth codes without a browser, uninstalls, rate-limit windows and a full reset.
 */
export interface AdminControlDeps {
  store: SandboxStore;
  faults: FaultController;
  stats: RequestStats;
  tokens: TokenStore;
  webhooks: WebhookDispatcher | undefined;
  oauth: { clientId: string; appId: number; userId: number; userEmail: string };
  resetRateLimits(): void;
  reset(): void;
}

const codeSchema = z.object({
  redirectUri: z.url(),
  portalId: z.number().int().positive().optional(),
  scopes: z.array(z.string().refine((scope) => ALL_SCOPES.includes(scope), 'unknown scope')).optional(),
});

export function createAdminControlRouter(deps: AdminControlDeps): Router {
  const router = Router();
  const { faults, stats } = deps;

  router.get('/__sandbox/faults', (_req, res) => {
    res.json({ settings: faults.current(), injected: faults.injectedCounts() });
  });

  /** e.g. `{ "rate5xx": 0.2, "seed": 7 }` or `{ "script": [503, 429] }`; settings merge with the current ones. */
  router.post('/__sandbox/faults', (req, res) => {
    res.json({ settings: faults.set(parseJsonBody(req, faultSettingsSchema)), injected: faults.injectedCounts() });
  });

  router.delete('/__sandbox/faults', (_req, res) => {
    res.json({ settings: faults.reset(), injected: {} });
  });

  router.get('/__sandbox/stats', (_req, res) => {
    res.json({ requests: stats.snapshot(), injectedFaults: faults.injectedCounts() });
  });

  router.delete('/__sandbox/stats', (_req, res) => {
    stats.reset();
    res.status(204).end();
  });

  router.get('/__sandbox/webhooks', (_req, res) => {
    res.json({ enabled: deps.webhooks !== undefined, deliveries: deps.webhooks?.deliveries() ?? [] });
  });

  router.post('/__sandbox/webhooks/flush', async (_req, res) => {
    await deps.webhooks?.flush();
    res.status(204).end();
  });

  /** An authorization code without the browser redirect, for scripts and tests. */
  router.post('/__sandbox/oauth/codes', (req, res) => {
    const input = parseJsonBody(req, codeSchema);
    const portalId = input.portalId ?? deps.store.defaultPortalId;
    const portal = deps.store.createPortal(portalId);
    const scopes = (input.scopes ?? [...ALL_SCOPES]).filter(
      (scope) => portal.enterprise || !scope.includes('.custom.'),
    );
    const { clientId, appId, userId, userEmail } = deps.oauth;
    const code = deps.tokens.mintCode(
      { hubId: portalId, appId, userId, userEmail, scopes, clientId },
      input.redirectUri,
    );
    res.status(201).json({ code, portalId, scopes });
  });

  /** A customer uninstalling the app: its refresh tokens stop working (`invalid_grant`). */
  router.post('/__sandbox/portals/:portalId/uninstall', (req, res) => {
    deps.tokens.revokeInstall(Number(param(req, 'portalId')), deps.oauth.appId);
    res.status(204).end();
  });

  router.post('/__sandbox/rate-limits/reset', (_req, res) => {
    deps.resetRateLimits();
    res.status(204).end();
  });

  /** Back to a fresh, seeded state (records, tokens, faults, counters). */
  router.post('/__sandbox/reset', (_req, res) => {
    deps.reset();
    res.status(204).end();
  });

  return router;
}
