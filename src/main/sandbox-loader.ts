import { join } from 'node:path';
import type { AppConfig } from '../kernel/config/app-config.ts';

/**
 * The ONE place production code reaches tools/hubspot-sandbox: a dynamic import that runs only in
 * sandbox mode (no HubSpot credentials) or for `cpq sandbox`. A production start with credentials
 * never loads a sandbox module (test/main/production-import-graph.test.ts checks the static graph).
 */
// Return type inferred on purpose: one import of the tool, the dynamic one (no static type import).
export async function loadHubSpotSandbox() {
  return import('../../tools/hubspot-sandbox/hubspot-sandbox.ts');
}

/** The sandbox tool's module, as a type only (erased at run time). */
export type HubSpotSandboxModule = Awaited<ReturnType<typeof loadHubSpotSandbox>>;

export interface LocalSandbox {
  url: string;
  clientId: string;
  portalId: number;
  demoAccessToken: string;
  close(): Promise<void>;
}

/** Starts the local HubSpot stand-in for `npm start` without credentials (state under the data dir). */
export async function startLocalSandbox(config: AppConfig, port: number): Promise<LocalSandbox> {
  const { createHubSpotSandbox } = await loadHubSpotSandbox();
  const sandbox = createHubSpotSandbox({
    stateFile: join(config.dataDir, 'hubspot-sandbox.json'),
    oauth: { clientSecret: config.hubspot.clientSecret },
    webhook: { url: `${config.publicBaseUrl}/webhooks/hubspot`, clientSecret: config.hubspot.clientSecret },
  });
  const server = await sandbox.listen(port);
  return {
    url: server.url,
    clientId: sandbox.oauth.clientId,
    portalId: sandbox.portalId,
    demoAccessToken: sandbox.demoAccessToken,
    async close() {
      await server.close();
      await sandbox.close();
    },
  };
}
