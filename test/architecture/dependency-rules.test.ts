import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');
const CRUISER = join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

/** One file per rule breaking it, plus files showing what stays allowed. */
const FIXTURE: Record<string, string> = {
  'src/modules/alpha/alpha-internal.ts': 'export const alpha = 1;\n',
  'src/modules/alpha/index.ts': "export { alpha } from './alpha-internal.ts';\n",
  // module-via-index-only (beta reaches into alpha's internals)
  'src/modules/beta/index.ts': "import { alpha } from '../alpha/alpha-internal.ts';\nexport const beta = alpha;\n",
  // allowed: gamma uses alpha through its index
  'src/modules/gamma/index.ts': "import { alpha } from '../alpha/index.ts';\nexport const gamma = alpha;\n",
  // outside-via-module-index-only + main-imports-no-cli
  'src/main/root.ts':
    "import { alpha } from '../modules/alpha/alpha-internal.ts';\nimport { cmd } from '../cli/cmd.ts';\nexport const root = [alpha, cmd];\n",
  'src/cli/cmd.ts': 'export const cmd = 1;\n',
  'src/integrations/hubspot/index.ts': "export { client } from './client.ts';\n",
  // integration-imports-no-module
  'src/integrations/hubspot/client.ts':
    "import { gamma } from '../../modules/gamma/index.ts';\nexport const client = gamma;\n",
  // integration-via-index-only
  'src/modules/delta/index.ts':
    "import { client } from '../../integrations/hubspot/client.ts';\nexport const delta = client;\n",
  // kernel-imports-no-feature
  'src/kernel/kernel-thing.ts':
    "import { gamma } from '../modules/gamma/index.ts';\nexport const kernelThing = gamma;\n",
  // module-imports-no-root
  'src/modules/epsilon/index.ts': "import { cmd } from '../../cli/cmd.ts';\nexport const epsilon = cmd;\n",
  // production-imports-no-tools-or-tests
  'src/main/server.ts': "import { sandbox } from '../../tools/sandbox/sandbox.ts';\nexport const server = sandbox;\n",
  // sandbox-loaded-dynamically-only: the static import breaks it, the dynamic one is allowed
  'src/main/sandbox-loader.ts':
    "import { helper } from '../../tools/sandbox/helper.ts';\nexport const load = () => import('../../tools/sandbox/sandbox.ts');\nexport const h = helper;\n",
  'tools/sandbox/helper.ts': 'export const helper = 1;\n',
  // tools-import-no-feature
  'tools/sandbox/sandbox.ts':
    "import { gamma } from '../../src/modules/gamma/index.ts';\nexport const sandbox = gamma;\n",
  // extensions-import-no-backend
  'extensions/app/cards/card.ts':
    "import { kernelThing } from '../../../src/kernel/kernel-thing.ts';\nexport const card = kernelThing;\n",
  // use-cases-import-no-card-contract (a route may import the card schemas, a service may not)
  'extensions/app/cards/api/card-schemas.ts': 'export const schema = 1;\n',
  'src/modules/alpha/alpha-service.ts':
    "import { schema } from '../../../extensions/app/cards/api/card-schemas.ts';\nexport const service = schema;\n",
  'src/modules/alpha/alpha-routes.ts':
    "import { schema } from '../../../extensions/app/cards/api/card-schemas.ts';\nexport const routes = schema;\n",
  // no-circular
  'src/kernel/cycle-a.ts': "import { b } from './cycle-b.ts';\nexport const a = () => b;\n",
  'src/kernel/cycle-b.ts': "import { a } from './cycle-a.ts';\nexport const b = () => a;\n",
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      allowImportingTsExtensions: true,
      noEmit: true,
    },
  }),
};

const CruiseOutput = z.object({
  summary: z.object({
    violations: z.array(z.object({ from: z.string(), to: z.string(), rule: z.object({ name: z.string() }) })),
  }),
});

let root: string;
let violations: Array<{ rule: string; from: string; to: string }>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cpq-depcruise-'));
  for (const [path, text] of Object.entries(FIXTURE)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  // depcruise exits non-zero when it finds violations; the JSON report is on stdout either way.
  const result = await run(
    process.execPath,
    [CRUISER, 'src', 'tools', 'extensions', '--config', join(REPO, '.dependency-cruiser.mjs'), '--output-type', 'json'],
    { cwd: root, maxBuffer: 32 * 1024 * 1024 },
  ).catch((error: unknown) => z.object({ stdout: z.string() }).parse(error));
  violations = CruiseOutput.parse(JSON.parse(result.stdout)).summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
  }));
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function broken(rule: string): Array<{ from: string; to: string }> {
  return violations.filter((v) => v.rule === rule).map(({ from, to }) => ({ from, to }));
}

describe('dependency-cruiser rules in npm run lint (.dependency-cruiser.mjs) fail on each kind of violation', () => {
  test('a module importing another module other than through its index.ts', () => {
    expect(broken('module-via-index-only')).toEqual([
      { from: 'src/modules/beta/index.ts', to: 'src/modules/alpha/alpha-internal.ts' },
    ]);
  });

  test('the composition root reaching into a module internals', () => {
    expect(broken('outside-via-module-index-only')).toEqual([
      { from: 'src/main/root.ts', to: 'src/modules/alpha/alpha-internal.ts' },
    ]);
  });

  test('a module reaching into the integration other than through its index.ts', () => {
    expect(broken('integration-via-index-only')).toEqual([
      { from: 'src/modules/delta/index.ts', to: 'src/integrations/hubspot/client.ts' },
    ]);
  });

  test('the kernel importing a module', () => {
    expect(broken('kernel-imports-no-feature')).toEqual([
      { from: 'src/kernel/kernel-thing.ts', to: 'src/modules/gamma/index.ts' },
    ]);
  });

  test('the integration importing a module', () => {
    expect(broken('integration-imports-no-module')).toEqual([
      { from: 'src/integrations/hubspot/client.ts', to: 'src/modules/gamma/index.ts' },
    ]);
  });

  test('a module importing the CLI, the root importing the CLI', () => {
    expect(broken('module-imports-no-root')).toEqual([{ from: 'src/modules/epsilon/index.ts', to: 'src/cli/cmd.ts' }]);
    expect(broken('main-imports-no-cli')).toEqual([{ from: 'src/main/root.ts', to: 'src/cli/cmd.ts' }]);
  });

  test('production code importing the sandbox tool statically; the loader only dynamically', () => {
    expect(broken('production-imports-no-tools-or-tests')).toEqual([
      { from: 'src/main/server.ts', to: 'tools/sandbox/sandbox.ts' },
    ]);
    expect(broken('sandbox-loaded-dynamically-only')).toEqual([
      { from: 'src/main/sandbox-loader.ts', to: 'tools/sandbox/helper.ts' },
    ]);
  });

  test('the cards or the sandbox importing backend code', () => {
    expect(broken('extensions-import-no-backend')).toEqual([
      { from: 'extensions/app/cards/card.ts', to: 'src/kernel/kernel-thing.ts' },
    ]);
    expect(broken('tools-import-no-feature')).toEqual([
      { from: 'tools/sandbox/sandbox.ts', to: 'src/modules/gamma/index.ts' },
    ]);
  });

  test('a service or pure domain file importing the card contract (routes may)', () => {
    expect(broken('use-cases-import-no-card-contract')).toEqual([
      { from: 'src/modules/alpha/alpha-service.ts', to: 'extensions/app/cards/api/card-schemas.ts' },
    ]);
  });

  test('an import cycle', () => {
    // Reported once, from whichever member of the cycle is cruised first.
    expect(broken('no-circular').map((v) => v.from)).toEqual([expect.stringMatching(/^src\/kernel\/cycle-[ab][.]ts$/)]);
  });
});
