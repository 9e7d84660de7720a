import { isAppError } from '../kernel/errors/app-error.ts';
import { toErrorBody } from '../kernel/errors/error-body.ts';
import { EXIT_CODE_BY_KIND } from '../kernel/errors/error-status.ts';
import type { CliIo } from './cli-command.ts';

/**
 * Runs one command body. Errors become the public error JSON on stderr (nothing on stdout) with the
 * exit code of their kind: 2 for invalid input (public contract), 1 for internal failures.
 */
export async function runGuarded(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    io.stderr.write(`${JSON.stringify(toErrorBody(error))}\n`);
    if (!isAppError(error) || error.kind === 'internal') {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      if (io.env.CPQ_DEBUG) io.stderr.write(`${detail}\n`);
    }
    return isAppError(error) ? EXIT_CODE_BY_KIND[error.kind] : 1;
  }
}
