import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { AppError } from '../kernel/errors/app-error.ts';

export interface CliArgsSpec<O extends ParseArgsOptionsConfig> {
  /** The command's validation error code, e.g. `AUDIT_ARGS_INVALID`. */
  code: string;
  usage: string;
  options: O;
}

/** The option a node:util parseArgs error names (`Unknown option '--x'`, `Option '--limit <value>' ...`). */
function optionIn(message: string): string {
  return /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? 'args';
}

/**
 * Every command's arguments through node:util `parseArgs` (https://nodejs.org/api/util.html#utilparseargsconfig),
 * strict: an unknown option, a missing option value or an ambiguous one (`--portal --partial`) is
 * invalid input (exit 2) naming the option; positionals are the command's to check.
 */
export function parseCliArgs<O extends ParseArgsOptionsConfig>(args: readonly string[], spec: CliArgsSpec<O>) {
  try {
    return parseArgs({ args: [...args], options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util throws a TypeError with an ERR_PARSE_ARGS_* code (read without instanceof: under
    // Jest's VM contexts it comes from another realm).
    const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
    const text = typeof error === 'object' && error !== null ? Reflect.get(error, 'message') : undefined;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_') || typeof text !== 'string') throw error;
    const option = optionIn(text);
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    const message = unknown ? `Unknown option ${option}` : text;
    throw new AppError('validation', spec.code, `${message} (usage: ${spec.usage})`, {
      issues: [{ path: option, message: unknown ? 'unknown option' : text }],
    });
  }
}
