import { runCli } from '../../src/cli/cli-main.ts';
import { memoryIo } from '../support/memory-io.ts';

async function cli(
  args: string[],
): Promise<{ code: number; stdout: string; error: { code: string; issues: unknown } }> {
  const { io, out } = memoryIo({ env: { CPQ_PORTAL_ID: '101' }, cwd: process.cwd() });
  const code = await runCli(args, io);
  const body =
    out.stderr === ''
      ? { error: { code: '', issues: [] } }
      : (JSON.parse(out.stderr) as { error: { code: string; issues: unknown } });
  return { code, stdout: out.stdout, error: body.error };
}

describe('every CLI command parses its arguments with node:util parseArgs', () => {
  test.each([
    [['price', '--bogus'], 'PRICING_REQUEST_INVALID'],
    [['migrate', '--bogus'], 'MIGRATE_ARGS_INVALID'],
    [['sandbox', '--bogus'], 'SANDBOX_ARGUMENTS_INVALID'],
    [['catalog', 'import', 'x.csv', '--bogus'], 'CATALOG_ARGS_INVALID'],
    [['accounts', 'export', '--bogus'], 'ACCOUNTS_ARGS_INVALID'],
    [['portal', 'show', '1', '--bogus'], 'PORTAL_ARGS_INVALID'],
    [['keys', 'rotate', '--bogus'], 'KEYS_ARGS_INVALID'],
    [['audit', '1', '--bogus'], 'AUDIT_ARGS_INVALID'],
    [['webhooks', 'list', '--bogus'], 'CLI_WEBHOOKS_USAGE'],
    [['webhooks', 'retry', '1', '--bogus'], 'CLI_WEBHOOKS_USAGE'],
  ])('%j: an unknown option exits 2 naming it, before any work', async (args, code) => {
    const result = await cli(args);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      error: expect.objectContaining({ code, issues: [{ path: '--bogus', message: 'unknown option' }] }),
    });
  });

  test('a string option without its value, or followed by another option, is invalid input naming it', async () => {
    expect(await cli(['audit', '1', '--limit'])).toMatchObject({ code: 2, error: { issues: [{ path: '--limit' }] } });
    expect(await cli(['catalog', 'import', 'x.csv', '--portal', '--partial'])).toMatchObject({
      code: 2,
      error: { code: 'CATALOG_ARGS_INVALID', issues: [{ path: '--portal' }] },
    });
  });

  test('--name=value works like --name value', async () => {
    // Reaches the file read (the option parsed), which then fails on the missing file: still exit 2.
    expect(await cli(['catalog', 'import', 'missing.csv', '--portal=101', '--format=csv'])).toMatchObject({
      code: 2,
      error: { code: 'CATALOG_FILE_INVALID', issues: [{ path: 'file' }] },
    });
  });
});
