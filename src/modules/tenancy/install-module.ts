import type { AppDeps, AppModule } from '../../kernel/app-module.ts';
import { securityRouter } from './security-routes.ts';
import { purgeExpiredPortals, RETENTION_SWEEP_QUEUE } from './data-retention.ts';
import {
  createInstallRuntime,
  oauthClientId,
  oauthRedirectUri,
  oauthStateKey,
  type InstallRuntime,
} from './install-runtime.ts';
import { oauthRouter } from './oauth-routes.ts';

const HUBSPOT_APP_URL = 'https://app.hubspot.com';
const SWEEP_EVERY_SECONDS = 3600;

const runtimes = new WeakMap<AppDeps, Promise<InstallRuntime>>();

/** One install runtime per composition (built lazily: the keyring is read from disk or env). */
function runtimeFor(deps: AppDeps): Promise<InstallRuntime> {
  let runtime = runtimes.get(deps);
  if (!runtime) {
    runtime = createInstallRuntime(deps);
    runtimes.set(deps, runtime);
  }
  return runtime;
}

/**
 * Marketplace install, tenancy and security (docs/security.md): the OAuth install flow,
 * roles and audit routes, and the retention sweep that deletes uninstalled portals' data.
 */
export const installModule: AppModule = {
  name: 'install',
  queues: [
    // 'stately': at most one queued sweep, so the self-rescheduling chain never multiplies.
    { name: RETENTION_SWEEP_QUEUE, policy: 'stately', retryLimit: 3 },
  ],
  apiRouters: (deps) => [securityRouter(deps.database.db)],
  publicRouters: (deps) => {
    const sandbox = deps.config.hubspot.sandbox;
    return [
      oauthRouter({
        authorizeBaseUrl: sandbox
          ? `${deps.config.hubspot.apiBaseUrl}/oauth/authorize`
          : `${HUBSPOT_APP_URL}/oauth/authorize`,
        clientId: oauthClientId(deps.config),
        redirectUri: oauthRedirectUri(deps.config),
        stateKey: oauthStateKey(deps.config),
        hubSpotAppUrl: sandbox ? deps.config.hubspot.apiBaseUrl : HUBSPOT_APP_URL,
        context: async () => (await runtimeFor(deps)).installContext,
        now: deps.now,
      }),
    ];
  },
  async startWorkers(deps) {
    await deps.jobs.work(RETENTION_SWEEP_QUEUE, async () => {
      const purged = await purgeExpiredPortals(deps.database.db, new Date(deps.now()));
      if (purged.length > 0)
        deps.logger.info(
          { portals: purged.map((p) => p.portalId) },
          'uninstalled portals: data deleted after retention',
        );
      await deps.jobs.send(
        RETENTION_SWEEP_QUEUE,
        {},
        { singletonKey: 'sweep', startAfterSeconds: SWEEP_EVERY_SECONDS },
      );
    });
    await deps.jobs.send(RETENTION_SWEEP_QUEUE, {}, { singletonKey: 'sweep' });
  },
};
