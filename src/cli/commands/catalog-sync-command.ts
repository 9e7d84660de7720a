import type { PortalId } from '../../kernel/db/portal-id.ts';
import { createLogger } from '../../kernel/logging/logger.ts';
import { migrateDatabase } from '../../kernel/db/migrate-database.ts';
import { createHubSpotClients } from '../../integrations/hubspot/index.ts';
import { createInstallRuntime } from '../../modules/tenancy/index.ts';
import { syncCatalogFromHubSpot, type CatalogSyncReport } from '../../modules/catalog/index.ts';
import type { CliIo } from '../cli-command.ts';
import { progressBar } from '../progress-bar.ts';
import { withCliDatabase } from './security-cli-support.ts';

/**
 * `npx cpq catalog sync --portal <id>`: the install-time import of the HubSpot product library, on
 * demand, with the portal's stored OAuth tokens (sandbox mode: the sandbox of a running `npm start`).
 * A progress bar on stderr; the JSON report on stdout.
 */
export async function syncCatalogCommand(io: CliIo, portalId: PortalId): Promise<CatalogSyncReport> {
  return withCliDatabase(io, async (config, database) => {
    if (config.env !== 'production') await migrateDatabase(database);
    const runtime = await createInstallRuntime({ config, database, now: () => Date.now() });
    const hubspot = createHubSpotClients({
      basePath: config.hubspot.apiBaseUrl,
      tokens: runtime.tokens,
      logger: createLogger({ level: 'silent' }),
      rateLimitPerWindow: config.hubspot.rateLimitPer10s,
    });
    const bar = progressBar(io.stderr, true);
    return syncCatalogFromHubSpot({
      db: database.db,
      client: hubspot.forPortal(portalId),
      portalId,
      onProgress: (read, total) => bar?.(read, Math.max(read, total ?? read)),
    });
  });
}
