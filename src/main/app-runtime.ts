import { createServer, type Server } from 'node:http';
import type { AppConfig } from '../kernel/config/app-config.ts';
import { resolveEncryptionKey } from '../kernel/config/encryption-key.ts';
import { sandboxSecretPath, withSandboxSecret } from '../kernel/config/sandbox-secret.ts';
import { SANDBOX_PORTAL_ID } from '../kernel/config/app-config.ts';
import { checkDataDirPermissions, restrictProcessUmask } from '../kernel/config/data-dir-permissions.ts';
import { migrateDatabase } from '../kernel/db/migrate-database.ts';
import type { Database } from '../kernel/db/open-database.ts';
import { openAppDatabase } from '../kernel/db/open-app-database.ts';
import { createHttpApp } from '../kernel/http/create-http-app.ts';
import { createJobQueue, type JobQueue } from '../kernel/jobs/job-queue.ts';
import { createDomainEvents } from '../kernel/jobs/domain-events.ts';
import type { Logger } from '../kernel/logging/logger.ts';
import type { AppDeps, AppModule } from '../kernel/app-module.ts';
import {
  createInstallRuntime,
  ensureSandboxPortalRow,
  installSandboxPortal,
  portalInstallGuard,
} from '../modules/tenancy/index.ts';
import { createHubSpotClients, PROVISION_QUEUE } from '../integrations/hubspot/index.ts';
import { APP_MODULES } from './app-modules.ts';
import { createQuoteSyncSource } from '../modules/quotes/index.ts';
import { startLocalSandbox } from './sandbox-loader.ts';

export interface RunningApp {
  url: string;
  database: Database;
  jobs: JobQueue;
  /** Sandbox mode: the local sandbox, and the per-DATA_DIR secret requests are signed with (and its file). */
  sandbox: { url: string; accessToken: string; portalId: number; clientSecret: string; secretFile: string } | undefined;
  /** Stops accepting requests, lets in-flight jobs finish (bounded), closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  config: AppConfig;
  logger: Logger;
  /** Local mode migrates on start; production expects `cpq migrate` to have run (healthz says 503 until then). */
  migrate?: boolean;
  /** An opened database to use instead of config.database (tests); the caller closes it. */
  database?: Database;
  /** Defaults to every module of the app (tests pass a subset). */
  modules?: readonly AppModule[];
}

function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Composition root: database -> migrations -> jobs -> HTTP (-> local HubSpot sandbox). */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const { logger } = options;
  // Sandbox mode signs with a random secret kept in DATA_DIR, never a constant from the source.
  const config = await withSandboxSecret(options.config);
  // Everything under DATA_DIR owner-only: new files by umask, old ones checked (and tightened) here.
  restrictProcessUmask();
  await checkDataDirPermissions(config.dataDir, logger);
  await resolveEncryptionKey({ configured: config.encryptionKey, dataDir: config.dataDir });
  const database = options.database ?? (await openAppDatabase(config, 'server'));
  const migrate = options.migrate ?? config.env !== 'production';
  if (migrate) {
    const report = await migrateDatabase(database);
    if (report.applied.length > 0) logger.info({ applied: report.applied }, 'migrations applied');
  }
  const jobs = createJobQueue({
    database,
    databaseUrl: config.database.kind === 'postgres' ? config.database.url : undefined,
    logger,
  });
  await jobs.start();

  const modules = options.modules ?? APP_MODULES;
  // The sandbox starts before the deps so the HubSpot clients can point at its URL.
  // Dynamic import of the sandbox tool, only in sandbox mode (src/main/sandbox-loader.ts).
  const local = config.hubspot.sandbox ? await startLocalSandbox(config, config.hubspot.sandboxPort) : undefined;
  // Sandbox mode: OAuth and API calls go to the local sandbox, with its client id.
  const appConfig: AppConfig = local
    ? {
        ...config,
        hubspot: { ...config.hubspot, apiBaseUrl: local.url, clientId: local.clientId },
      }
    : config;
  // Stored, encrypted OAuth tokens in every mode (docs/security.md); in sandbox mode the demo
  // portal is installed through the same OAuth code flow once the server listens (below).
  const events = createDomainEvents(jobs);
  for (const module of modules) for (const subscription of module.subscriptions ?? []) events.subscribe(subscription);
  const install = await createInstallRuntime({ config: appConfig, database, jobs, events, now: () => Date.now() });
  const tokens = install.tokens;
  const hubspot = createHubSpotClients({
    basePath: local ? local.url : config.hubspot.apiBaseUrl,
    tokens,
    logger,
    rateLimitPerWindow: config.hubspot.rateLimitPer10s,
  });
  const deps: AppDeps = {
    config: appConfig,
    database,
    jobs,
    events,
    logger,
    now: () => Date.now(),
    tokens,
    hubspot,
    quoteSyncSource: createQuoteSyncSource(database.db),
  };
  for (const module of modules) for (const queue of module.queues ?? []) await jobs.defineQueue(queue);
  // Sandbox mode: the demo portal counts as installed before its OAuth install below has run.
  if (local) await ensureSandboxPortalRow(database.db, local.portalId);
  for (const module of modules) await module.startWorkers?.(deps);

  const app = createHttpApp({
    db: database.db,
    logger,
    signature: {
      clientSecret: config.hubspot.clientSecret,
      publicBaseUrl: config.publicBaseUrl,
      bodyLimitBytes: config.bodyLimitBytes,
      acceptLegacySignatures: config.hubspot.acceptLegacySignatures,
      now: () => Date.now(),
    },
    // After the signature: uninstalled and unknown portals get 403; in sandbox mode the sandbox's own
    // portals pass before their OAuth install has run.
    apiGuards: [
      portalInstallGuard({
        db: database.db,
        allowUnknownPortals: local ? new Set([local.portalId, SANDBOX_PORTAL_ID]) : new Set(),
      }),
    ],
    apiRouters: modules.flatMap((module) => module.apiRouters?.(deps) ?? []),
    webhookRouters: modules.flatMap((module) => module.webhookRouters?.(deps) ?? []),
    publicRouters: modules.flatMap((module) => module.publicRouters?.(deps) ?? []),
  });
  const server = createServer(app);
  // Sandbox mode is local development: loopback only, never all interfaces.
  const port = await listen(server, config.port, config.hubspot.sandbox ? '127.0.0.1' : undefined);
  // Needs the sync module's provisioning queue (a test composing a subset of modules skips it).
  if (local && modules.some((module) => module.queues?.some((queue) => queue.name === PROVISION_QUEUE))) {
    const installed = await installSandboxPortal(install, appConfig, local.portalId);
    if (installed)
      logger.info(
        { portalId: installed.portalId, features: installed.features },
        'sandbox portal installed through OAuth',
      );
  }

  return {
    url: `http://localhost:${port}`,
    database,
    jobs,
    sandbox: local && {
      url: local.url,
      accessToken: local.demoAccessToken,
      portalId: local.portalId,
      clientSecret: config.hubspot.clientSecret,
      secretFile: sandboxSecretPath(config.dataDir),
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await jobs.stop(config.shutdownTimeoutMs);
      await closed;
      if (local) await local.close();
      if (!options.database) await database.close();
    },
  };
}
