import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/cli-command.ts';

export interface MemoryIo {
  io: CliIo;
  /** What the command wrote so far. */
  out: { stdout: string; stderr: string };
}

/** In-memory stdin/stdout/stderr for running a CLI command in a test. */
export function memoryIo(options: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): MemoryIo {
  const out = { stdout: '', stderr: '' };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  return { io: { stdin, stdout, stderr, env: options.env ?? {}, cwd: options.cwd ?? process.cwd() }, out };
}
