import { memoryIo } from '../support/memory-io.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli-main.ts';

// The CLI on its own embedded PGlite under a temporary DATA_DIR, as an operator runs it.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpq-catalog-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out } = memoryIo({ env: { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }, cwd: dir });
  const code = await runCli(args, io);
  return { code, ...out };
}

describe('cpq catalog / cpq accounts', () => {
  test('import without --portal exits 2 with the error JSON on stderr and nothing on stdout', async () => {
    await writeFile(join(dir, 'empty.json'), '[]');
    const result = await cli(['catalog', 'import', 'empty.json']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'CATALOG_ARGS_INVALID',
        message: 'Give the portal with --portal <id> (or CPQ_PORTAL_ID)',
        issues: [{ path: 'portal', message: 'required' }],
      },
    });
  });

  test('a CSV with a bad row exits 2 naming line and field and writes nothing; --partial writes the good rows', async () => {
    await writeFile(join(dir, 'products.csv'), 'sku,name,price_USD\nA,Alpha,10\nB,Beta,1O\nC,Gamma,12.5\n');
    const strict = await cli(['catalog', 'import', 'products.csv', '--portal', '55']);
    expect(strict.code).toBe(2);
    expect(JSON.parse(strict.stderr).error.issues).toEqual([
      { path: 'products.1.prices.USD', message: expect.stringMatching(/^line 3: /) },
    ]);
    expect(JSON.parse((await cli(['catalog', 'export', '--portal', '55'])).stdout)).toEqual({
      products: [],
      discountSchedules: [],
    });

    const partial = await cli(['catalog', 'import', 'products.csv', '--portal', '55', '--partial']);
    expect(partial.code).toBe(0);
    expect(JSON.parse(partial.stdout)).toMatchObject({ imported: { products: 2, discountSchedules: 0 }, rejected: 1 });
    const exported = JSON.parse((await cli(['catalog', 'export', '--portal', '55'])).stdout) as {
      products: Array<{ sku: string; prices: Record<string, string> }>;
    };
    expect(exported.products.map((p) => [p.sku, p.prices['USD']])).toEqual([
      ['A', '10'],
      ['C', '12.5'],
    ]);
  });

  test('a large file shows a progress bar on stderr while stdout stays the JSON summary', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `BULK-${i},Bulk ${i},${i + 1}.99`);
    await writeFile(join(dir, 'bulk.csv'), `sku,name,price_USD\n${rows.join('\n')}\n`);
    const result = await cli(['catalog', 'import', 'bulk.csv', '--portal', '56']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: { products: 6000 }, rejected: 0 });
    expect(result.stderr).toContain('importing [##############################] 6000/6000');
  });

  test('account pricing imports from CSV grouped by company and exports back', async () => {
    await writeFile(
      join(dir, 'accounts.csv'),
      [
        'company_id,sku,category,price_USD,discount_percent,partner_discount_percent',
        '77,A,,80,,10',
        '77,,hardware,,5,',
        '78,A,,90,,',
      ].join('\n'),
    );
    const result = await cli(['accounts', 'import', 'accounts.csv', '--portal', '55']);
    expect(result.code).toBe(0);
    expect(JSON.parse((await cli(['accounts', 'export', '--portal', '55'])).stdout)).toEqual([
      {
        companyId: '77',
        contractedPrices: [
          { sku: 'A', price: { USD: '80' } },
          { category: 'hardware', discountPercent: '5' },
        ],
        partnerDiscountPercent: '10',
        distributorDiscountPercent: null,
        renewalPricingMethod: 'same',
        upliftPercent: null,
      },
      {
        companyId: '78',
        contractedPrices: [{ sku: 'A', price: { USD: '90' } }],
        partnerDiscountPercent: null,
        distributorDiscountPercent: null,
        renewalPricingMethod: 'same',
        upliftPercent: null,
      },
    ]);
    await writeFile(
      join(dir, 'bad-accounts.json'),
      JSON.stringify([
        { companyId: '79', contractedPrices: [{ sku: 'A', price: { USD: '1' }, discountPercent: '2' }] },
      ]),
    );
    const bad = await cli(['accounts', 'import', 'bad-accounts.json', '--portal', '55']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.issues).toEqual([
      { path: '0.contractedPrices.0.price', message: 'line 1: give exactly one of price or discountPercent' },
    ]);
  });
});
