import { createHubSpotClients } from '../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../src/integrations/hubspot/static-token-provider.ts';
import { migrateDatabase } from '../src/kernel/db/migrate-database.ts';
import { openDatabase } from '../src/kernel/db/open-database.ts';
import { toPortalId } from '../src/kernel/db/portal-id.ts';
import { createLogger } from '../src/kernel/logging/logger.ts';
import { syncCatalogFromHubSpot } from '../src/modules/catalog/hubspot-catalog-sync.ts';
import { createHubSpotSandbox } from '../tools/hubspot-sandbox/hubspot-sandbox.ts';

/**
 * `node bench/catalog-sync-bench.ts [products]`: imports a sandbox product library (10,000 by
 * default) into an embedded PGlite catalog through the app's per-portal client, with the sandbox
 * and the app both at HubSpot's 110 requests per 10 s. Prints JSON: time, requests, 429s, and the
 * floor the rate limit alone imposes on that many requests; then a second (no-op) run.
 */
const count = Number(process.argv[2] ?? '10000');
const RATE = { maxRequests: 110, windowMs: 10_000 };

const sandbox = createHubSpotSandbox({ seed: false, rateLimit: RATE });
const server = await sandbox.listen(0);
const portalId = toPortalId(sandbox.portalId);

// Arrange: the products exist "in HubSpot" already (admin route: not rate limited, not counted).
const started = Date.now();
for (let start = 0; start < count; start += 50) {
  await Promise.all(
    Array.from({ length: Math.min(50, count - start) }, async (_, offset) => {
      const n = start + offset;
      const properties: Record<string, string> = { name: `Bench product ${n}`, price: `${n % 997}.${n % 100}` };
      if (n % 10 !== 0) properties.hs_sku = `BENCH-${n}`;
      if (n % 3 === 0) properties.hs_recurring_billing_period = 'P12M';
      const response = await fetch(`${server.url}/__sandbox/objects/products`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ properties }),
      });
      if (response.status !== 201) throw new Error(`arrange: ${response.status} ${await response.text()}`);
    }),
  );
}
const arrangeMs = Date.now() - started;

const database = await openDatabase({ kind: 'pglite' });
await migrateDatabase(database);
const clients = createHubSpotClients({
  basePath: server.url,
  tokens: createStaticTokenProvider(new Map([[sandbox.portalId, sandbox.demoAccessToken]])),
  logger: createLogger({ level: 'silent' }),
  rateLimitPerWindow: RATE.maxRequests,
  windowMs: RATE.windowMs,
});

async function run() {
  sandbox.stats.reset();
  const t0 = performance.now();
  const report = await syncCatalogFromHubSpot({ db: database.db, client: clients.forPortal(portalId), portalId });
  const ms = performance.now() - t0;
  const stats = sandbox.stats.snapshot();
  // n requests in a rolling window of W per T need at least ceil(n / W) - 1 full windows.
  const floorMs = Math.max(0, Math.ceil(stats.total / RATE.maxRequests) - 1) * RATE.windowMs;
  return {
    ms: Math.round(ms),
    productsPerSecond: Math.round((report.read / ms) * 1000),
    requests: stats.total,
    status429: stats.byStatus['429'] ?? 0,
    rateLimitFloorMs: floorMs,
    report: { ...report, skuTaken: report.skuTaken.length },
  };
}

const first = await run();
const second = await run();
const rows = await database.db
  .selectFrom('catalog_products')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('portal_id', '=', portalId)
  .executeTakeFirstOrThrow();

process.stdout.write(
  `${JSON.stringify(
    {
      bench: 'catalog-sync',
      products: count,
      rateLimit: RATE,
      arrangeMs,
      firstRun: first,
      secondRun: second,
      catalogRows: Number(rows.n),
    },
    null,
    2,
  )}\n`,
);
await database.close();
await server.close();
await sandbox.close();
