import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli-main.ts';
import { memoryIo } from '../support/memory-io.ts';

// The CLI on its own embedded PGlite under a temporary DATA_DIR, as an operator runs it.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpq-contracts-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const { io, out } = memoryIo({ env: { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }, cwd: dir });
  const code = await runCli(args, io);
  return { code, stdout: out.stdout, stderr: out.stderr };
}

const row = (externalId: string, extra: object = {}) => ({
  externalId,
  dealId: `deal-${externalId}`,
  companyId: 'company-9',
  currency: 'USD',
  startDate: '2025-01-01',
  endDate: '2025-12-31',
  lines: [{ sku: 'SEAT', kind: 'subscription', quantity: '10', netUnitPrice: '1080', termMonths: '12' }],
  ...extra,
});

describe('cpq contracts list | show | import', () => {
  test('an import with one bad row writes nothing and exits 2 naming every bad field', async () => {
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({
        contracts: [
          row('A'),
          row('B', { currency: 'XXX' }),
          row('C', { lines: [{ sku: 'S', kind: 'subscription', quantity: '1', netUnitPrice: '1' }] }),
        ],
      }),
    );
    const result = await cli(['contracts', 'import', 'bad.json', '--portal', '62515']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const error = (JSON.parse(result.stderr) as { error: { code: string; issues: { path: string }[] } }).error;
    expect(error.code).toBe('CONTRACT_IMPORT_INVALID');
    expect(error.issues.map((i) => i.path)).toEqual(['contracts.1.currency', 'contracts.2.lines.0.termMonths']);
    const list = await cli(['contracts', 'list', '--portal', '62515']);
    expect(JSON.parse(list.stdout)).toEqual({ contracts: [] });
  }, 120_000);

  test('a valid import writes every contract; re-importing the file creates nothing new; list and show read them', async () => {
    await writeFile(join(dir, 'good.json'), JSON.stringify({ contracts: [row('A'), row('B')] }));
    const first = await cli(['contracts', 'import', 'good.json', '--portal', '62515']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ imported: 2, skipped: 0 });
    expect(JSON.parse((await cli(['contracts', 'import', 'good.json', '--portal', '62515'])).stdout)).toEqual({
      imported: 0,
      skipped: 2,
    });
    const list = JSON.parse((await cli(['contracts', 'list', '--portal', '62515'])).stdout) as {
      contracts: { id: string; number: string }[];
    };
    expect(list.contracts.map((c) => c.number)).toEqual(['C-000002', 'C-000001']);
    const show = await cli(['contracts', 'show', list.contracts[1]?.id ?? '', '--portal', '62515']);
    expect(JSON.parse(show.stdout).contract).toMatchObject({
      number: 'C-000001',
      arr: '10800.00',
      totalValue: '10800.00',
    });
    expect((await cli(['contracts', 'show', list.contracts[1]?.id ?? '', '--portal', '1'])).code).not.toBe(0);
  }, 120_000);
});
