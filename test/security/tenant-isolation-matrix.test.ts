import { sql } from 'kysely';
import { TENANT_TABLES } from '../../src/kernel/db/db-schema.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { APP_MODULES } from '../../src/main/app-modules.ts';
import { createInstallRuntime } from '../../src/modules/tenancy/install-runtime.ts';
import { errorOf } from '../support/http-harness.ts';
import { depsForEnumeration, enumerateApiRoutes, type ApiRoute } from './api-route-walker.ts';
import { INSTALLER_USER_ID, PORTAL_A, PORTAL_B, startSecurityApp, type SecurityApp } from './security-app.ts';

/**
 * Tenant isolation for EVERY /api route (docs/security.md): routes are enumerated from the routers of all
 * APP_MODULES. For each: no signature -> 401; portal A naming portal B's objects gets exactly what
 * it gets for an id that exists nowhere (404 for object routes: no existence leak); an uninstalled
 * portal -> 403; and the database is re-read to prove nothing changed.
 */
const PORTAL_C = 11112222;
const NOWHERE = '999999937';
const PORTALS = [PORTAL_A, PORTAL_B, PORTAL_C];

let harness: SecurityApp;
let routes: ApiRoute[];
const counts = {
  routes: 0,
  unsigned401: 0,
  crossTenantProbes: 0,
  crossTenant404: 0,
  uninstalled403: 0,
  snapshotsCompared: 0,
};

/** Every tenant row of the three portals plus their install rows, as one comparable value. */
async function snapshot(portals: readonly number[] = PORTALS): Promise<string> {
  const parts: string[] = [];
  for (const table of [...TENANT_TABLES, 'portals'].sort()) {
    const rows = await sql<{
      row: unknown;
    }>`select to_jsonb(t) as row from ${sql.table(table)} t where portal_id = any(${[...portals]}) order by 1`.execute(
      harness.database.db,
    );
    parts.push(`${table}:${JSON.stringify(rows.rows)}`);
  }
  counts.snapshotsCompared += 1;
  return parts.join('\n');
}

function snakeOf(param: string): string {
  return param.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Values of portal B's rows that could fill a route parameter (and that portal A does not also have). */
async function candidatesFor(route: ApiRoute, param: string): Promise<string[]> {
  const snake = snakeOf(param);
  const base = snake.replace(/_id$/, '');
  const segments = route.path.split('/');
  const before = segments[segments.indexOf(`:${param}`) - 1] ?? '';
  const found = new Set<string>();
  for (const table of TENANT_TABLES) {
    const columns = await sql<{
      column_name: string;
    }>`select column_name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(
      harness.database.db,
    );
    const names = columns.rows.map((c) => c.column_name);
    const fromId =
      names.includes('id') &&
      base !== '' &&
      (table.startsWith(base) || (before !== '' && table.startsWith(before.replace(/s$/, ''))));
    const column = names.includes(snake) && snake !== 'portal_id' && snake !== 'id' ? snake : fromId ? 'id' : undefined;
    if (!column) continue;
    const values = async (portalId: number) =>
      (
        await sql<{
          v: string;
        }>`select distinct ${sql.ref(column)}::text as v from ${sql.table(table)} where portal_id = ${portalId} and ${sql.ref(column)} is not null`.execute(
          harness.database.db,
        )
      ).rows.map((r) => r.v);
    const mine = new Set(await values(PORTAL_A));
    for (const value of await values(PORTAL_B)) if (!mine.has(value)) found.add(value);
  }
  return [...found].slice(0, 3);
}

function fill(route: ApiRoute, values: Record<string, string>): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? NOWHERE));
}

const bodyFor = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : '{}');

beforeAll(async () => {
  // Every module's routes and queues, but no workers: background jobs must not change rows while
  // the snapshots are compared.
  harness = await startSecurityApp({ modules: APP_MODULES.map(({ startWorkers: _workers, ...module }) => module) });
  routes = enumerateApiRoutes(
    depsForEnumeration({ config: harness.config, database: harness.database, jobs: harness.app.jobs }),
  );
  counts.routes = routes.length;
  for (const portalId of PORTALS) expect((await harness.install(portalId)).status).toBe(200);
  // Portal B's objects: a quote on a deal of B's (created through the card API, as B).
  const created = await harness.signedFetch(
    'POST',
    `/api/v1/deals/555/quotes?portalId=${PORTAL_B}&userId=${INSTALLER_USER_ID}`,
    {
      body: JSON.stringify({ currency: 'USD', companyId: '777', lines: [] }),
    },
  );
  expect(created.status).toBe(201);
  const runtime = await createInstallRuntime({
    config: harness.config,
    database: harness.database,
    now: () => Date.now(),
  });
  await runtime.uninstall(toPortalId(PORTAL_C), 'app');
});

afterAll(async () => {
  console.log(`tenant isolation matrix: ${JSON.stringify(counts)}`);
  await harness.close();
});

describe('tenant isolation matrix over every /api route of APP_MODULES', () => {
  test('the walker finds the routes of every module that mounts API routers (security, quotes, pricing)', () => {
    const modules = new Set(routes.map((route) => route.module));
    expect([...modules]).toEqual(expect.arrayContaining(['pricing', 'install', 'quotes']));
    expect(routes).toContainEqual({ module: 'install', method: 'GET', path: '/v1/audit/:id', params: ['id'] });
  });

  test('no signature -> 401 on every route and method, nothing written', async () => {
    const before = await snapshot();
    for (const route of routes) {
      const response = await fetch(
        `${harness.app.url}/api${fill(route, {})}?portalId=${PORTAL_A}&userId=${INSTALLER_USER_ID}`,
        {
          method: route.method,
          headers: { 'content-type': 'application/json' },
          ...(bodyFor(route.method) === undefined ? {} : { body: bodyFor(route.method) }),
        },
      );
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
      counts.unsigned401 += 1;
    }
    expect(await snapshot()).toBe(before);
  });

  test("portal A naming portal B's objects gets the same answer as for an id that exists nowhere (404 for objects); B's data unchanged", async () => {
    // Only B's rows: A may legitimately write in its own namespace (PUT of its account pricing).
    const before = await snapshot([PORTAL_B]);
    const probes: string[] = [];
    for (const route of routes.filter((r) => r.params.length > 0)) {
      const values: Record<string, string> = {};
      for (const param of route.params) {
        const [candidate] = await candidatesFor(route, param);
        if (candidate !== undefined) values[param] = candidate;
      }
      if (Object.keys(values).length === 0) continue;
      const query = `?portalId=${PORTAL_A}&userId=${INSTALLER_USER_ID}`;
      const body = bodyFor(route.method);
      const probe = await harness.signedFetch(
        route.method,
        `/api${fill(route, values)}${query}`,
        body === undefined ? {} : { body },
      );
      const reference = await harness.signedFetch(
        route.method,
        `/api${fill(route, {})}${query}`,
        body === undefined ? {} : { body },
      );
      const normalize = async (response: Response, ids: string[]) => {
        let text = await response.text();
        for (const id of ids) text = text.split(id).join('<id>');
        // Timestamps of rows portal A writes in its own namespace (e.g. a PUT) differ by a few ms.
        text = text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>');
        return { status: response.status, body: text };
      };
      const label = `${route.method} ${route.path}`;
      const probed = await normalize(probe, Object.values(values));
      const expected = await normalize(reference, [NOWHERE]);
      expect({ label, ...probed }).toEqual({ label, ...expected });
      probes.push(`${label} -> ${probe.status}`);
      counts.crossTenantProbes += 1;
      if (probe.status === 404) counts.crossTenant404 += 1;
    }
    console.log(`cross-tenant probes:\n  ${probes.join('\n  ')}`);
    expect(counts.crossTenantProbes).toBeGreaterThanOrEqual(6);
    expect(counts.crossTenant404).toBeGreaterThanOrEqual(6);
    expect(await snapshot([PORTAL_B])).toBe(before);
  });

  test('an uninstalled portal -> 403 PORTAL_UNINSTALLED on every route, nothing written', async () => {
    const before = await snapshot();
    for (const route of routes) {
      const body = bodyFor(route.method);
      const response = await harness.signedFetch(
        route.method,
        `/api${fill(route, {})}?portalId=${PORTAL_C}&userId=${INSTALLER_USER_ID}`,
        body === undefined ? {} : { body },
      );
      const label = `${route.method} ${route.path}`;
      expect({ label, status: response.status, code: (await errorOf(response)).code }).toEqual({
        label,
        status: 403,
        code: 'PORTAL_UNINSTALLED',
      });
      counts.uninstalled403 += 1;
    }
    expect(await snapshot()).toBe(before);
  });

  test('a portal that never installed -> 403 PORTAL_NOT_INSTALLED outside sandbox mode', async () => {
    const [route] = routes;
    if (!route) throw new Error('no routes');
    const body = bodyFor(route.method);
    const response = await harness.signedFetch(
      route.method,
      `/api${fill(route, {})}?portalId=33334444&userId=1`,
      body === undefined ? {} : { body },
    );
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('PORTAL_NOT_INSTALLED');
  });
});
