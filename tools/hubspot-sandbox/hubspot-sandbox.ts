import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type Request, type Response } from 'express';
import { createAccountInfoRouter, SANDBOX_DEFAULT_COMPANY_CURRENCY } from './sandbox-account-info-routes.ts';
import { createAdminControlRouter } from './sandbox-admin-control-routes.ts';
import { createAdminDataRouter } from './sandbox-admin-routes.ts';
import { createAssociationsRouter } from './sandbox-associations-routes.ts';
import { bearerAuth } from './sandbox-auth-middleware.ts';
import { createBatchRouter } from './sandbox-batch-routes.ts';
import { systemClock, type SandboxClock } from './sandbox-clock.ts';
import { hubSpotError, hubSpotErrorHandler } from './sandbox-errors.ts';
import { FaultController, faultMiddleware } from './sandbox-faults.ts';
import { createOAuthRouter } from './sandbox-oauth-routes.ts';
import { STANDARD_OBJECT_TYPES } from './sandbox-object-types.ts';
import { createObjectsRouter } from './sandbox-objects-routes.ts';
import { loadStateFile, StatePersister } from './sandbox-persistence.ts';
import { createPipelinesRouter } from './sandbox-pipelines-routes.ts';
import { createPropertiesRouter } from './sandbox-properties-routes.ts';
import { rateLimitMiddleware } from './sandbox-rate-limit-middleware.ts';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_SEARCH_RATE_LIMIT,
  RollingWindowRateLimiter,
  type RateLimitSettings,
} from './sandbox-rate-limiter.ts';
import { RequestStats } from './sandbox-request-stats.ts';
import { createSchemasRouter } from './sandbox-schemas-routes.ts';
import { createSearchRouter } from './sandbox-search-routes.ts';
import { seedDemoData } from './sandbox-seed-data.ts';
import { emptyStateData, SandboxStore } from './sandbox-store.ts';
import { ALL_SCOPES, SANDBOX_DEMO_ACCESS_TOKEN, TokenStore } from './sandbox-token-store.ts';
import { WebhookDispatcher, type WebhookDeliveryOptions, type WebhookTarget } from './sandbox-webhook-dispatcher.ts';
import { defaultSubscriptions, WebhookEventMapper, type WebhookSubscription } from './sandbox-webhook-events.ts';

/**
 * A stateful local stand-in for the HubSpot APIs this app uses, served over HTTP so the real
 * `@hubspot/api-client` talks to it through `basePath` (HubSpot docs "CRM API", "API usage guidelines and limits", "Working with OAuth", docs/pricing.md
 * "Local HubSpot sandbox"). See docs/sandbox.md for what it emulates and what it does not.
 */
export const SANDBOX_DEFAULT_PORTAL_ID = 12345678;
export const SANDBOX_DEFAULT_APP_ID = 4242;
export const SANDBOX_DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const SANDBOX_DEFAULT_CLIENT_SECRET = 'sandbox-client-secret';

export interface HubSpotSandboxOptions {
  portalId?: number;
  /** Per-portal rolling window; HubSpot's marketplace-app default is 110 requests / 10 s. */
  rateLimit?: RateLimitSettings;
  /** Search's own lane; HubSpot's is 5 requests / s. */
  searchRateLimit?: RateLimitSettings;
  /** Seed demo data when the default portal is first created (default true). */
  seed?: boolean;
  /** Whether the default portal is Enterprise (custom object schemas allowed; default true). */
  enterprise?: boolean;
  /** The app's id: `sourceId` of its writes in webhooks and `app_id` of its tokens. */
  appId?: number;
  oauth?: { clientId?: string; clientSecret?: string };
  /** Where to deliver webhooks; omitted = no deliveries. */
  webhook?: Omit<WebhookTarget, 'appId'> & {
    appId?: number;
    subscriptions?: WebhookSubscription[];
    delivery?: WebhookDeliveryOptions;
  };
  clock?: SandboxClock;
  /** JSON file holding the state across restarts. */
  stateFile?: string;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** `companyCurrency` of `GET /account-info/v3/details` (default USD). */
  companyCurrency?: string;
}

export interface SandboxServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HubSpotSandbox {
  app: Express;
  listen(port?: number): Promise<SandboxServer>;
  state: SandboxStore;
  faults: FaultController;
  stats: RequestStats;
  tokens: TokenStore;
  webhooks: WebhookDispatcher | undefined;
  portalId: number;
  appId: number;
  demoAccessToken: string;
  oauth: { clientId: string; clientSecret: string };
  /** Back to a fresh seeded state. */
  reset(): void;
  /** Stops webhook delivery and writes the state file. */
  close(): Promise<void>;
}

export function createHubSpotSandbox(options: HubSpotSandboxOptions = {}): HubSpotSandbox {
  const clock = options.clock ?? systemClock;
  const portalId = options.portalId ?? SANDBOX_DEFAULT_PORTAL_ID;
  const appId = options.appId ?? options.webhook?.appId ?? SANDBOX_DEFAULT_APP_ID;
  const oauth = {
    clientId: options.oauth?.clientId ?? SANDBOX_DEFAULT_CLIENT_ID,
    clientSecret: options.oauth?.clientSecret ?? SANDBOX_DEFAULT_CLIENT_SECRET,
  };
  const user = { userId: 1, userEmail: 'demo-user@sandbox.local' };

  const store = new SandboxStore({
    clock,
    defaultPortalId: portalId,
    data: options.stateFile ? loadStateFile(options.stateFile) : undefined,
  });
  const initialize = (): void => {
    if (store.findPortal(portalId)) return;
    store.createPortal(portalId, { enterprise: options.enterprise ?? true });
    if (options.seed ?? true) seedDemoData(store, portalId, clock.now());
  };
  initialize();

  const persister = options.stateFile ? new StatePersister(options.stateFile, store) : undefined;
  if (persister) store.onDirty(() => persister.schedule());

  const tokens = new TokenStore({
    clock,
    data: () => store.data.oauth,
    demoGrant: () => ({ hubId: portalId, appId, ...user, scopes: [...ALL_SCOPES], clientId: oauth.clientId }),
    markDirty: () => store.markDirty(),
  });
  const general = new RollingWindowRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, clock);
  const search = new RollingWindowRateLimiter(options.searchRateLimit ?? DEFAULT_SEARCH_RATE_LIMIT, clock);
  const faults = new FaultController();
  const stats = new RequestStats();

  let webhooks: WebhookDispatcher | undefined;
  if (options.webhook) {
    const { url, clientSecret, subscriptions, delivery } = options.webhook;
    webhooks = new WebhookDispatcher({ url, clientSecret, appId }, clock, delivery);
    // Webhooks for custom objects are private-app only (HubSpot docs "Webhooks API"): only standard types map.
    const mapper = new WebhookEventMapper(subscriptions ?? defaultSubscriptions(), appId, (id) =>
      STANDARD_OBJECT_TYPES.find((type) => type.objectTypeId === id),
    );
    const dispatcher = webhooks;
    store.onChange((change) => dispatcher.enqueue(mapper.map(change)));
  }

  const reset = (): void => {
    store.replace(emptyStateData());
    initialize();
    faults.reset();
    stats.reset();
    general.reset();
    search.reset();
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.raw({ type: () => true, limit: '10mb' }));
  app.use(stats.middleware());
  app.use(createAdminDataRouter({ store, seed: (id) => seedDemoData(store, id, clock.now()) }));
  app.use(
    createAdminControlRouter({
      store,
      faults,
      stats,
      tokens,
      webhooks,
      oauth: { clientId: oauth.clientId, appId, ...user },
      resetRateLimits: () => {
        general.reset();
        search.reset();
      },
      reset,
    }),
  );
  // Everything below these prefixes needs a bearer token, counts against the portal's rate limit
  // and is subject to injected faults.
  app.use(
    ['/crm', '/crm-object-schemas', '/appinstalls', '/account-info'],
    bearerAuth(store, tokens, clock),
    rateLimitMiddleware(general, search),
    faultMiddleware(faults),
  );
  app.use(createOAuthRouter(store, tokens, { ...oauth, appId, ...user }, clock));
  app.use(createSearchRouter(store));
  app.use(createBatchRouter(store, clock));
  app.use(createObjectsRouter(store));
  app.use(createAssociationsRouter(store, clock));
  app.use(createPropertiesRouter(store, clock));
  app.use(createSchemasRouter(store, clock));
  app.use(createPipelinesRouter(clock));
  app.use(createAccountInfoRouter({ companyCurrency: options.companyCurrency ?? SANDBOX_DEFAULT_COMPANY_CURRENCY }));
  app.use((req: Request, _res: Response) => {
    throw hubSpotError(404, 'OBJECT_NOT_FOUND', `The HubSpot sandbox does not emulate ${req.method} ${req.path}`);
  });
  app.use(hubSpotErrorHandler);

  const close = async (): Promise<void> => {
    webhooks?.stop();
    await persister?.flush();
  };

  const listen = async (port = 0): Promise<SandboxServer> => {
    const host = options.host ?? '127.0.0.1';
    const server = createServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    return {
      url: `http://${shownHost}:${address.port}`,
      port: address.port,
      close: async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Hung "timeout" faults and keep-alive sockets would otherwise hold the server open.
        server.closeAllConnections();
        await closed;
        await close();
      },
    };
  };

  return {
    app,
    listen,
    state: store,
    faults,
    stats,
    tokens,
    webhooks,
    portalId,
    appId,
    demoAccessToken: SANDBOX_DEMO_ACCESS_TOKEN,
    oauth,
    reset,
    close,
  };
}
