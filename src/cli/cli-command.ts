import type { Readable, Writable } from 'node:stream';

/** What a CLI command may touch; tests pass in-memory streams. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** One `npx cpq <name>` command. `run` returns the exit code; it throws AppError for bad input. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}
