import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');
const CRUISER = join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const ENTRY = 'src/main/server-main.ts';

const Graph = z.object({
  modules: z.array(
    z.object({
      source: z.string(),
      dependencies: z.array(z.object({ resolved: z.string(), dependencyTypes: z.array(z.string()) })),
    }),
  ),
});
type Graph = z.infer<typeof Graph>;

/** Files loaded when the server starts with HubSpot credentials: static imports only (no dynamic, no type-only). */
function staticallyReachable(graph: Graph, entry: string): Set<string> {
  const bySource = new Map(graph.modules.map((module) => [module.source, module]));
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let source = queue.pop(); source !== undefined; source = queue.pop()) {
    for (const dependency of bySource.get(source)?.dependencies ?? []) {
      const types = dependency.dependencyTypes;
      if (types.includes('dynamic-import') || types.includes('type-only') || types.includes('type-import')) continue;
      if (seen.has(dependency.resolved)) continue;
      seen.add(dependency.resolved);
      queue.push(dependency.resolved);
    }
  }
  return seen;
}

let graph: Graph;

beforeAll(async () => {
  const { stdout } = await run(
    process.execPath,
    [
      CRUISER,
      ENTRY,
      '--no-config',
      '--ts-pre-compilation-deps',
      '--ts-config',
      'tsconfig.json',
      '--exclude',
      'node_modules',
      '--output-type',
      'json',
    ],
    { cwd: REPO, maxBuffer: 64 * 1024 * 1024 },
  );
  graph = Graph.parse(JSON.parse(stdout));
}, 180_000);

describe('the production import graph', () => {
  test('starting the server statically loads no sandbox, test or bench module', () => {
    const loaded = [...staticallyReachable(graph, ENTRY)];
    expect(loaded).toContain('src/main/app-runtime.ts');
    expect(loaded.filter((path) => /^(tools|test|bench)\//.test(path))).toEqual([]);
  });

  test('the sandbox and the CRM preview are reached only through the dynamic imports of their loaders', () => {
    const edgesIntoTools = graph.modules.flatMap((module) =>
      module.dependencies
        .filter((dependency) => dependency.resolved.startsWith('tools/') && !module.source.startsWith('tools/'))
        .map((dependency) => ({
          from: module.source,
          to: dependency.resolved,
          dynamic: dependency.dependencyTypes.includes('dynamic-import'),
        })),
    );
    edgesIntoTools.sort((a, b) => a.from.localeCompare(b.from));
    expect(edgesIntoTools).toEqual([
      { from: 'src/main/preview-loader.ts', to: 'tools/crm-preview/crm-preview.ts', dynamic: true },
      { from: 'src/main/sandbox-loader.ts', to: 'tools/hubspot-sandbox/hubspot-sandbox.ts', dynamic: true },
    ]);
  });
});
