import fc from 'fast-check';
import { sql } from 'kysely';
import { TENANT_TABLES } from '../../src/kernel/db/db-schema.ts';
import { APP_MODULES } from '../../src/main/app-modules.ts';
import { depsForEnumeration, enumerateApiRoutes, type ApiRoute } from './api-route-walker.ts';
import { INSTALLER_USER_ID, PORTAL_A, startSecurityApp, type SecurityApp } from './security-app.ts';

/**
 * Input hardening (docs/security.md): every /api route gets random and malformed JSON, huge numbers, deep
 * nesting, unicode and prototype-pollution keys, as a signed admin of an installed portal. Never a
 * 500, the server keeps answering, and a refused request (4xx) writes nothing.
 */
let harness: SecurityApp;
let routes: ApiRoute[];
const counts = { routes: 0, requests: 0, byStatus: {} as Record<string, number>, refusedWithoutWrite: 0 };

async function portalRows(): Promise<string> {
  const parts: string[] = [];
  for (const table of [...TENANT_TABLES, 'portals'].sort()) {
    const rows = await sql<{
      row: unknown;
    }>`select to_jsonb(t) as row from ${sql.table(table)} t where portal_id = ${PORTAL_A} order by 1`.execute(
      harness.database.db,
    );
    parts.push(`${table}:${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}

const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const hugeNumberText = fc.constantFrom(
  '1e309',
  '-1e309',
  '123456789012345678901234567890',
  '0.' + '0'.repeat(400) + '1',
  '9007199254740993',
  '-0',
  '1e-400',
);
const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '\u0000',
    '\uD800',
    '🧾💸',
    'ِ'.repeat(50),
    '%00',
    '../../etc/passwd',
    "' or 1=1 --",
    'a'.repeat(10_000),
  ),
);
const jsonLeaf = fc.oneof(nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const nastyObject = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    jsonLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string()), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Raw body text: valid JSON (with literal __proto__ keys and huge number literals spliced in) or broken JSON. */
const bodyText = fc.oneof(
  nastyObject.map((value) => JSON.stringify(value)),
  fc
    .tuple(fc.constantFrom(...NASTY_KEYS), nastyObject)
    .map(([key, value]) => `{"${key}": ${JSON.stringify(value)}, "currency": "USD", "lines": []}`),
  hugeNumberText.map(
    (n) => `{"roles": [], "currency": "USD", "lines": [{"id": "l", "sku": "A", "quantity": ${n}}], "limit": ${n}}`,
  ),
  fc.nat({ max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.nat({ max: 5_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.string().map((text) => `{${text}`),
  fc.constantFrom('', 'null', 'true', '"x"', '[]', '{', '{"a":1,}', 'NaN', '\u0000'),
);
const paramValue = fc.oneof(
  fc.string({ minLength: 1 }),
  hugeNumberText,
  fc.constantFrom('__proto__', 'constructor', '-1', '0', '1.5', '%E0%A4%A'),
);
const queryExtra = fc.dictionary(
  fc.constantFrom('limit', 'before', 'lineOffset', 'lineLimit', 'q', '__proto__', 'portalId'),
  fc.oneof(fc.string(), hugeNumberText),
  { maxKeys: 3 },
);

beforeAll(async () => {
  harness = await startSecurityApp({ modules: APP_MODULES.map(({ startWorkers: _workers, ...module }) => module) });
  routes = enumerateApiRoutes(
    depsForEnumeration({ config: harness.config, database: harness.database, jobs: harness.app.jobs }),
  );
  counts.routes = routes.length;
  expect((await harness.install(PORTAL_A)).status).toBe(200);
});

afterAll(async () => {
  console.log(`input fuzz: ${JSON.stringify(counts)}`);
  await harness.close();
});

function pathOf(route: ApiRoute, params: readonly string[], extra: Record<string, string>): string {
  let index = 0;
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, () => encodeURIComponent(params[index++] ?? 'x'));
  const query = new URLSearchParams({ ...extra, portalId: String(PORTAL_A), userId: String(INSTALLER_USER_ID) });
  // A second portalId in the query must not change the portal (the signed context takes the first).
  return `/api${path}?${query.toString()}`;
}

describe('fuzzing every /api route', () => {
  test('never a 500, always an answer, and a refused request writes nothing', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          bodyText,
          fc.array(paramValue, { minLength: route.params.length, maxLength: route.params.length }),
          queryExtra,
          async (body, params, extra) => {
            const before = await portalRows();
            const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
            const response = await harness.signedFetch(
              route.method,
              pathOf(route, params, extra),
              hasBody ? { body } : {},
            );
            await response.arrayBuffer();
            counts.requests += 1;
            counts.byStatus[response.status] = (counts.byStatus[response.status] ?? 0) + 1;
            expect({ route: `${route.method} ${route.path}`, status: response.status < 500 }).toEqual({
              route: `${route.method} ${route.path}`,
              status: true,
            });
            if (response.status >= 400) {
              expect(await portalRows()).toBe(before);
              counts.refusedWithoutWrite += 1;
            }
          },
        ),
        { numRuns: 12, seed: 6 },
      );
    }
    expect((await fetch(`${harness.app.url}/healthz`)).status).toBe(200);
    // Prototype pollution would show up on every object of this process (the app runs in it).
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
