import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each entrypoint bundles the way `hs project upload` bundles it (@hubspot/ui-extensions-dev-server's
// buildSingleExtension, Vite). Run in a child process: Vite does not load under Jest's VM modules.
const ROOT = join(process.cwd(), 'extensions/app');

function build(file: string, outputDir: string): { status: number | null; stderr: string } {
  const script = `
    import { buildSingleExtension } from '@hubspot/ui-extensions-dev-server/build';
    await buildSingleExtension({
      file: ${JSON.stringify(file)}, root: ${JSON.stringify(ROOT)}, outputDir: ${JSON.stringify(outputDir)},
      emptyOutDir: true, minify: false, logLevel: 'error',
      codeCheckingPluginEnabled: false, securityAuditPluginEnabled: false,
    });`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'cpq-ext-build-'));
});
afterAll(async () => rm(out, { recursive: true, force: true }));

test.each([
  ['settings/SettingsPage.tsx', 'SettingsPage.js', 'Save settings'],
  ['pages/AppPages.tsx', 'AppPages.js', 'CPQ Quote-to-Cash'],
])(
  '%s builds into one bundle',
  async (file, bundle, marker) => {
    const dir = join(out, bundle);
    const result = build(file, dir);
    expect(result).toMatchObject({ status: 0 });
    expect(await readFile(join(dir, bundle), 'utf8')).toContain(marker);
  },
  120_000,
);
