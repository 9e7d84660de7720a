import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli-main.ts';
import { memoryIo } from '../support/memory-io.ts';

// The CLI on its own embedded PGlite under a temporary DATA_DIR, as an operator runs it.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpq-approvals-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out } = memoryIo({ env: { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }, cwd: dir });
  const code = await runCli(args, io);
  return { code, ...out };
}

const GOOD = {
  id: 'discount',
  name: 'Discount above 20%',
  conditions: [{ fact: 'maxLineDiscountPercent', operator: 'gt', value: '20' }],
  approvers: [{ kind: 'role', role: 'approver' }],
};

describe('cpq approvals import / export', () => {
  test('a file with bad rows exits 2 listing every bad row and writes nothing; a good file round-trips', async () => {
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({
        rules: [
          GOOD,
          { ...GOOD, id: 'x', logic: '(1 AND 2' },
          { ...GOOD, id: 'y', conditions: [{ fact: 'netTotal', operator: 'gt', value: '1e5' }] },
        ],
      }),
    );
    const bad = await cli(['approvals', 'import', 'bad.json', '--portal', '77']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.issues.map((i: { path: string }) => i.path)).toEqual([
      'rules.1.logic',
      'rules.2.conditions.0.value',
    ]);
    await cli(['approvals', 'export', 'out.json', '--portal', '77']);
    expect(JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'))).toEqual({ rules: [] });

    await writeFile(join(dir, 'good.json'), JSON.stringify([GOOD]));
    const good = await cli(['approvals', 'import', 'good.json', '--portal', '77']);
    expect(good).toMatchObject({ code: 0 });
    expect(JSON.parse(good.stdout)).toEqual({ imported: 1, rules: ['discount'] });
    await cli(['approvals', 'export', 'out.json', '--portal', '77']);
    expect(JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'))).toEqual({
      rules: [{ ...GOOD, active: true, logic: 'all', level: 1 }],
    });
  }, 120_000);
});
