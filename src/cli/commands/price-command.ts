import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { PricingRequestSchema } from '../../modules/pricing/domain/pricing-request-schema.ts';
import { priceQuote } from '../../modules/pricing/domain/quote-pricing.ts';
import type { CliCommand, CliIo } from '../cli-command.ts';

const CODE = 'PRICING_REQUEST_INVALID';

/**
 * `npx cpq price [file]` (public-interfaces, "Commands"): reads the pricing request JSON from the
 * file or stdin, prints the pricing response JSON on stdout and exits 0. Unreadable input, bad
 * JSON and schema violations throw a `validation` AppError, which the CLI runner prints as the
 * error JSON on stderr with exit code 2.
 */
export const priceCommand: CliCommand = {
  name: 'price',
  summary: 'Price a quote: pricing request JSON in, pricing response JSON out',
  usage: 'cpq price [file]   (reads stdin when no file is given)',
  async run(args: string[], io: CliIo): Promise<number> {
    if (args.length > 1) {
      throw new AppError('validation', CODE, 'Expected at most one argument: the request file', {
        issues: [{ path: '', message: `unexpected arguments: ${args.slice(1).join(' ')}` }],
      });
    }
    const file = args[0];
    const text =
      file === undefined || file === '-' ? await readAll(io.stdin) : await readRequestFile(resolve(io.cwd, file));
    const request = parseInput(PricingRequestSchema, parseJson(text), CODE);
    await write(io.stdout, `${JSON.stringify(priceQuote(request), null, 2)}\n`);
    return 0;
  },
};

async function readRequestFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('validation', CODE, `Cannot read request file ${path}`, {
      issues: [{ path: '', message: error instanceof Error ? error.message : 'unreadable file' }],
      cause: error,
    });
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid JSON';
    throw new AppError('validation', CODE, `Request is not valid JSON: ${message}`, {
      issues: [{ path: '', message }],
    });
  }
}

/** Resolves once the output is handed over, so the runner may exit without truncating a pipe. */
function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolveWrite, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolveWrite()));
  });
}
