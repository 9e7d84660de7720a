import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { priceCommand } from '../../src/cli/commands/price-command.ts';
import type { CliIo } from '../../src/cli/cli-command.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';

const request = {
  currency: 'USD',
  catalog: { products: [{ sku: 'LAPTOP', prices: { USD: '234.56' } }] },
  lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '10', additionalDiscount: { percent: '20' } }],
};

function memoryIo(
  stdinText: string | null,
  cwd = process.cwd(),
): { io: CliIo; stdout: () => string; stderr: () => string } {
  const stdin = new PassThrough();
  if (stdinText !== null) stdin.end(stdinText);
  const out = new PassThrough();
  const err = new PassThrough();
  let outText = '';
  let errText = '';
  out.on('data', (chunk: Buffer) => (outText += chunk.toString('utf8')));
  err.on('data', (chunk: Buffer) => (errText += chunk.toString('utf8')));
  return { io: { stdin, stdout: out, stderr: err, env: {}, cwd }, stdout: () => outText, stderr: () => errText };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('command did not throw');
}

describe('cpq price', () => {
  test('is the CliCommand named "price"', () => {
    expect([priceCommand.name, priceCommand.usage]).toEqual([
      'price',
      'cpq price [file]   (reads stdin when no file is given)',
    ]);
  });

  test('reads the request from stdin and prints the response JSON, exit 0', async () => {
    const { io, stdout, stderr } = memoryIo(JSON.stringify(request));
    expect(await priceCommand.run([], io)).toBe(0);
    const response = JSON.parse(stdout()) as { lines: { netTotal: string }[]; totals: { netTotal: string } };
    expect([response.lines[0]?.netTotal, response.totals.netTotal]).toEqual(['1876.48', '1876.48']);
    expect(stderr()).toBe('');
  });

  test('reads the request from a file argument relative to the working directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpq-price-'));
    await writeFile(join(dir, 'quote.json'), JSON.stringify(request));
    const { io, stdout } = memoryIo(null, dir);
    expect(await priceCommand.run(['quote.json'], io)).toBe(0);
    expect(stdout()).toContain('"netTotal": "1876.48"');
  });

  test('invalid JSON throws the validation AppError PRICING_REQUEST_INVALID and prints nothing', async () => {
    const { io, stdout } = memoryIo('{ "currency": ');
    const error = await rejection(priceCommand.run([], io));
    expect([error.kind, error.code]).toEqual(['validation', 'PRICING_REQUEST_INVALID']);
    expect(error.message).toMatch(/^Request is not valid JSON: /);
    expect(stdout()).toBe('');
  });

  test('a schema violation names each bad field', async () => {
    const { io, stdout } = memoryIo(
      JSON.stringify({ ...request, currency: 'XYZ', lines: [{ id: 'l1', sku: 'LAPTOP', quantity: 'ten' }] }),
    );
    const error = await rejection(priceCommand.run([], io));
    expect(error.code).toBe('PRICING_REQUEST_INVALID');
    expect(error.issues).toEqual([
      { path: 'currency', message: 'unknown ISO 4217 currency code "XYZ"' },
      { path: 'lines.0.quantity', message: 'must be an exact decimal string such as "30" or "30.00"' },
    ]);
    expect(stdout()).toBe('');
  });

  test('a missing file and extra arguments are invalid input (exit 2 through the runner)', async () => {
    const missing = await rejection(priceCommand.run(['does-not-exist.json'], memoryIo(null, tmpdir()).io));
    expect([missing.kind, missing.code]).toEqual(['validation', 'PRICING_REQUEST_INVALID']);
    const extra = await rejection(priceCommand.run(['a.json', 'b.json'], memoryIo(null).io));
    expect(extra.issues).toEqual([{ path: '', message: 'unexpected arguments: b.json' }]);
  });

  test('a per-line problem is a message in the response, not a failure: exit 0', async () => {
    const { io, stdout } = memoryIo(JSON.stringify({ ...request, lines: [{ id: 'l1', sku: 'NOPE', quantity: '1' }] }));
    expect(await priceCommand.run([], io)).toBe(0);
    expect((JSON.parse(stdout()) as { messages: { code: string }[] }).messages.map((m) => m.code)).toEqual([
      'UNKNOWN_SKU',
    ]);
  });
});
