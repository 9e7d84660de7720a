import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.ts';
import { resolveEncryptionKey } from '../config/encryption-key.ts';
import { migrateDatabase } from '../db/migrate-database.ts';
import { openDatabase, type Database } from '../db/open-database.ts';
import { createHttpApp } from '../http/create-http-app.ts';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logging/logger.ts';
import type { AppDeps, AppModule } from './app-module.ts';
import { createStaticTokenProvider } from '../hubspot/static-token-provider.ts';
import { createHubSpotClients } from '../hubspot/hubspot-client-factory.ts';
import { SANDBOX_DEFAULT_PORTAL_ID } from '../sandbox/hubspot-sandbox.ts';
import { SANDBOX_DEMO_ACCESS_TOKEN } from '../sandbox/sandbox-token-store.ts';
import { APP_MODULES } from './app-modules.ts';
import { createHubSpotSandbox, type HubSpotSandbox, type SandboxServer } from '../sandbox/hubspot-sandbox.ts';

export interface RunningApp {
  url: string;
  database: Database;
  jobs: JobQueue;
  sandbox: { url: string; accessToken: string; portalId: number } | undefined;
  /** Stops accepting requests, lets in-flight jobs finish (bounded), closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  config: AppConfig;
  logger: Logger;
  /** Local mode migrates on start; production expects `cpq migrate` to have run (healthz says 503 until then). */
  migrate?: boolean;
  /** Defaults to every module of the app (tests pass a subset). */
  modules?: readonly AppModule[];
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function startSandbox(config: AppConfig, port: number): Promise<{ sandbox: HubSpotSandbox; server: SandboxServer }> {
  const sandbox = createHubSpotSandbox({
    stateFile: join(config.dataDir, 'hubspot-sandbox.json'),
    oauth: { clientSecret: config.hubspot.clientSecret },
    webhook: { url: `${config.publicBaseUrl}/webhooks/hubspot`, clientSecret: config.hubspot.clientSecret },
  });
  return { sandbox, server: await sandbox.listen(port) };
}

/** Composition root: database -> migrations -> jobs -> HTTP (-> local HubSpot sandbox). */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const { config, logger } = options;
  await resolveEncryptionKey({ configured: config.encryptionKey, dataDir: config.dataDir });
  const database = await openDatabase(config.database);
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
  // Until the install module stores OAuth tokens, only the sandbox's demo portal has a token.
  const tokens = createStaticTokenProvider(
    new Map(config.hubspot.sandbox ? [[SANDBOX_DEFAULT_PORTAL_ID, SANDBOX_DEMO_ACCESS_TOKEN]] : []),
  );
  // The sandbox starts before the deps so the HubSpot clients can point at its URL.
  const local = config.hubspot.sandbox ? await startSandbox(config, config.hubspot.sandboxPort) : undefined;
  const hubspot = createHubSpotClients({
    basePath: local ? local.server.url : config.hubspot.apiBaseUrl,
    tokens,
    logger,
    rateLimitPerWindow: config.hubspot.rateLimitPer10s,
  });
  const deps: AppDeps = { config, database, jobs, logger, now: () => Date.now(), tokens, hubspot };
  for (const module of modules) for (const queue of module.queues ?? []) await jobs.defineQueue(queue);
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
    apiRouters: modules.flatMap((module) => module.apiRouters?.(deps) ?? []),
    webhookRouters: modules.flatMap((module) => module.webhookRouters?.(deps) ?? []),
    publicRouters: modules.flatMap((module) => module.publicRouters?.(deps) ?? []),
  });
  const server = createServer(app);
  const port = await listen(server, config.port);

  return {
    url: `http://localhost:${port}`,
    database,
    jobs,
    sandbox: local && { url: local.server.url, accessToken: local.sandbox.demoAccessToken, portalId: local.sandbox.portalId },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await jobs.stop(config.shutdownTimeoutMs);
      await closed;
      if (local) {
        await local.server.close();
        await local.sandbox.close();
      }
      await database.close();
    },
  };
}
