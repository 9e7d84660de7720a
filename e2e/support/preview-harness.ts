import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/kernel/config/app-config.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { startApp } from '../../src/main/app-runtime.ts';
import { importCatalog, parseCatalogFile } from '../../src/modules/catalog/index.ts';
import { startCrmPreview } from '../../tools/crm-preview/crm-preview.ts';

/** A small demo catalog (the sandbox's seeded products start no catalog in the app). */
export const DEMO_CATALOG = JSON.stringify({
  products: [
    { sku: 'LAPTOP-14', name: 'Laptop Pro 14', prices: { USD: '1899.00', EUR: '1749.00' } },
    { sku: 'MONITOR-4K', name: '4K Monitor', prices: { USD: '449.00', EUR: '419.00' } },
    { sku: 'CRM-SEAT', name: 'CRM Seat', prices: { USD: '45.00', EUR: '42.00' } },
  ],
});

export interface PreviewHarness {
  previewUrl: string;
  backendUrl: string;
  stop(): Promise<void>;
}

/**
 * Backend + sandbox + preview on free ports with a throw-away data directory and the demo catalog,
 * exactly as `npm start` wires them in sandbox mode (for the browser tests and the screenshot script).
 */
export async function startPreviewHarness(): Promise<PreviewHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cpq-preview-'));
  const config = loadConfig({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const app = await startApp({ config, logger: createLogger({ level: config.logLevel }) });
  const sandbox = app.sandbox;
  if (!sandbox) throw new Error('the preview harness needs sandbox mode (no HubSpot credentials)');
  await importCatalog(app.database.db, toPortalId(sandbox.portalId), parseCatalogFile(DEMO_CATALOG, 'json'), {
    partial: false,
  });
  const preview = await startCrmPreview({
    backendUrl: app.url,
    publicBaseUrl: config.publicBaseUrl,
    clientSecret: sandbox.clientSecret,
    sandboxUrl: sandbox.url,
    sandboxAccessToken: sandbox.accessToken,
    portalId: sandbox.portalId,
    port: 0,
  });
  return {
    previewUrl: preview.url,
    backendUrl: app.url,
    async stop() {
      await preview.close();
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
