import { loadConfig, type AppConfig } from '../../kernel/config/app-config.ts';
import type { Database } from '../../kernel/db/open-database.ts';
import { openAppDatabase } from '../../kernel/db/open-app-database.ts';
import { withSandboxSecret } from '../../kernel/config/sandbox-secret.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { CliIo } from '../cli-command.ts';

/**
 * Config and database for the security commands. In sandbox mode (no HubSpot credentials) HubSpot
 * is the sandbox of a running `npm start` on SANDBOX_PORT.
 */
export async function withCliDatabase<T>(
  io: CliIo,
  run: (config: AppConfig, database: Database) => Promise<T>,
): Promise<T> {
  const loaded = await withSandboxSecret(loadConfig(io.env));
  const config: AppConfig = loaded.hubspot.sandbox
    ? { ...loaded, hubspot: { ...loaded.hubspot, apiBaseUrl: `http://127.0.0.1:${loaded.hubspot.sandboxPort}` } }
    : loaded;
  const database = await openAppDatabase(config, 'cli');
  try {
    return await run(config, database);
  } finally {
    await database.close();
  }
}

export function usageError(code: string, usage: string, message: string): AppError {
  return new AppError('validation', code, message, { issues: [{ path: 'args', message: `usage: ${usage}` }] });
}

/** `--name value` options after the positional arguments; unknown ones are refused. */
export function parseFlags(
  args: readonly string[],
  allowed: readonly string[],
  code: string,
  usage: string,
): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    const value = args[index + 1];
    if (!allowed.includes(name) || value === undefined)
      throw usageError(code, usage, `Unknown or incomplete option ${arg}`);
    flags.set(name, value);
    index += 1;
  }
  return { positional, flags };
}
