import { loadConfig } from '../kernel/config/app-config.ts';
import { isAppError } from '../kernel/errors/app-error.ts';
import { createLogger } from '../kernel/logging/logger.ts';
import { startApp } from './app-runtime.ts';
import { startLocalPreview } from './preview-loader.ts';

/** `npm start`: one clear line and exit 1 on bad configuration; clean exit on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (isAppError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  const app = await startApp({ config, logger });
  logger.info({ url: app.url, database: app.database.kind }, 'cpq backend listening');
  process.stdout.write(`\nCPQ backend:      ${app.url}  (health: ${app.url}/healthz)\n`);
  if (app.sandbox) {
    process.stdout.write(
      `HubSpot sandbox:  ${app.sandbox.url}  (portal ${app.sandbox.portalId}, demo token ${app.sandbox.accessToken})\n` +
        `Signing secret:   ${app.sandbox.secretFile}  (random per DATA_DIR; tools sign requests with it)\n` +
        `No HubSpot credentials set: running against the local sandbox. See README "Configuration".\n`,
    );
  }
  // Signal handlers first: a stop requested while the preview starts still shuts down cleanly.
  const running: { preview?: { url: string; close(): Promise<void> } } = {};
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    Promise.resolve(running.preview?.close())
      .then(() => app.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  // Sandbox mode only: the browser preview of the cards (docs/preview.md), next to the sandbox's port.
  const preview = app.sandbox
    ? await startLocalPreview({
        backendUrl: app.url,
        publicBaseUrl: config.publicBaseUrl,
        clientSecret: app.sandbox.clientSecret,
        sandbox: app.sandbox,
        port: config.hubspot.sandboxPort === 0 ? 0 : config.hubspot.sandboxPort + 1,
      })
    : undefined;
  if (preview) running.preview = preview;
  if (preview) process.stdout.write(`CRM preview:      ${preview.url}  (the cards in a browser, docs/preview.md)\n\n`);
}

main().catch((error: unknown) => {
  const message = isAppError(error)
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`cpq failed to start: ${message}\n`);
  process.exit(1);
});
