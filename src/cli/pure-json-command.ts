import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { z } from 'zod';
import { AppError } from '../kernel/errors/app-error.ts';
import { parseInput } from '../kernel/errors/parse-input.ts';
import { assertJsonDepth } from '../kernel/text/json-depth.ts';
import type { CliCommand, CliIo } from './cli-command.ts';
import { parseCliArgs } from './cli-args.ts';

export interface PureJsonCommandSpec<S extends z.ZodType, R> {
  name: string;
  summary: string;
  /** The module's validation error code, e.g. `PRICING_REQUEST_INVALID`. */
  code: string;
  schema: S;
  /** A pure function of the parsed request (no I/O): `cpq price`, `cpq amend`, ... */
  compute(request: z.output<S>): R;
}

/**
 * A headless command of the public contract: `cpq <name> [file]` reads the request JSON from the
 * file or stdin, prints the response JSON and exits 0. Unreadable input, bad JSON and schema
 * violations throw a `validation` AppError, printed by the CLI runner as the error JSON on stderr
 * with exit code 2 and nothing on stdout.
 */
export function pureJsonCommand<S extends z.ZodType, R>(spec: PureJsonCommandSpec<S, R>): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: `cpq ${spec.name} [file]   (reads stdin when no file is given)`,
    async run(args: string[], io: CliIo): Promise<number> {
      const usage = `cpq ${spec.name} [file]`;
      const { positionals } = parseCliArgs(args, { code: spec.code, usage, options: {} });
      if (positionals.length > 1) {
        throw new AppError('validation', spec.code, 'Expected at most one argument: the request file', {
          issues: [{ path: '', message: `unexpected arguments: ${positionals.slice(1).join(' ')}` }],
        });
      }
      const file = positionals[0];
      const text =
        file === undefined || file === '-'
          ? await readAll(io.stdin)
          : await readRequestFile(resolve(io.cwd, file), spec.code);
      const request = parseInput(spec.schema, parseJson(text, spec.code), spec.code);
      await write(io.stdout, `${JSON.stringify(spec.compute(request), null, 2)}\n`);
      return 0;
    },
  };
}

async function readRequestFile(path: string, code: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('validation', code, `Cannot read request file ${path}`, {
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

function parseJson(text: string, code: string): unknown {
  assertJsonDepth(text, code);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid JSON';
    throw new AppError('validation', code, `Request is not valid JSON: ${message}`, {
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
