import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli-main.ts';
import { memoryIo } from '../support/memory-io.ts';

/** `npx cpq revenue ...` against a fresh embedded database in a temporary DATA_DIR. */
describe('npx cpq revenue', () => {
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cpq-revenue-'));
    env = { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
  });

  test('export without --from/--to exits 2 naming the missing fields, nothing on stdout', async () => {
    const { io, out } = memoryIo({ env });
    expect(await runCli(['revenue', 'export', '--portal', '62515'], io)).toBe(2);
    expect(out.stdout).toBe('');
    const body = JSON.parse(out.stderr) as { error: { code: string; issues: Array<{ path: string }> } };
    expect(body.error.code).toBe('REVENUE_QUERY_INVALID');
    expect(body.error.issues.map((i) => i.path)).toEqual(['from', 'to']);
  });

  test('ssp import writes the rules (all or nothing) and export prints the CSV header for an empty portal', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ rules: [{ scope: 'product', key: 'X', currency: 'USD', kind: 'list-discount' }] }),
    );
    const refused = memoryIo({ env, cwd: dir });
    expect(await runCli(['revenue', 'ssp', 'import', 'bad.json', '--portal', '62515'], refused.io)).toBe(2);
    expect(refused.out.stderr).toContain('rules.0.discountPercent');

    const good = join(dir, 'ssp.json');
    await writeFile(
      good,
      JSON.stringify({
        rules: [{ scope: 'category', key: 'hardware', currency: '*', kind: 'list-discount', discountPercent: '15' }],
      }),
    );
    const imported = memoryIo({ env, cwd: dir });
    expect(await runCli(['revenue', 'ssp', 'import', 'ssp.json', '--portal', '62515'], imported.io)).toBe(0);
    expect(JSON.parse(imported.out.stdout)).toEqual({ imported: 1, replaced: false });

    const exported = memoryIo({ env });
    expect(
      await runCli(['revenue', 'export', '--from', '2026-01', '--to=2026-12', '--portal', '62515'], exported.io),
    ).toBe(0);
    expect(exported.out.stdout).toBe('contractId,dealId,lineId,sku,currency,period,amount\r\n');
  }, 180_000); // three CLI runs, each opening and migrating the file-backed database
});
