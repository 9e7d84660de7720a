import { runCli } from '../../src/cli/cli-main.ts';
import { memoryIo } from '../support/memory-io.ts';

function setup(stdin = '') {
  return memoryIo({ stdin });
}

describe('cpq CLI runner', () => {
  test('an unknown command exits 2 with the error JSON on stderr and nothing on stdout', async () => {
    const { io, out } = setup();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(out.stdout).toBe('');
    expect(JSON.parse(out.stderr)).toEqual({
      error: {
        code: 'CLI_UNKNOWN_COMMAND',
        message: 'Unknown command "frobnicate"',
        issues: [{ path: 'command', message: expect.stringContaining('price') }],
      },
    });
  });

  test('price with invalid JSON on stdin exits 2 and prints nothing on stdout', async () => {
    const { io, out } = setup('{"currency":');
    expect(await runCli(['price'], io)).toBe(2);
    expect(out.stdout).toBe('');
    expect(JSON.parse(out.stderr).error.issues.length).toBeGreaterThan(0);
  });

  test('price from stdin exits 0 with the response JSON (the worked example in docs/pricing.md: 1876.48)', async () => {
    const request = {
      currency: 'USD',
      catalog: { products: [{ sku: 'A', name: 'A', prices: { USD: '234.56' } }] },
      lines: [{ id: 'l1', sku: 'A', quantity: '10', additionalDiscount: { percent: '20' } }],
    };
    const { io, out } = setup(JSON.stringify(request));
    expect(await runCli(['price'], io)).toBe(0);
    expect(JSON.parse(out.stdout).lines[0].netTotal).toBe('1876.48');
  });

  test('help lists every command and exits 0', async () => {
    const { io, out } = setup();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const name of ['price', 'migrate', 'sandbox']) expect(out.stdout).toContain(name);
  });
});
