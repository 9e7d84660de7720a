import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { loadConfig } from '../../kernel/config/app-config.ts';
import { migrateDatabase } from '../../kernel/db/migrate-database.ts';
import type { Database } from '../../kernel/db/open-database.ts';
import { openAppDatabase } from '../../kernel/db/open-app-database.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { CliIo } from '../cli-command.ts';

/* Shared by the per-portal data commands (`cpq catalog`, `cpq accounts`): the CLI has no HubSpot
 * signature to take the portal from, so the operator names it. */
export interface ParsedArgs {
  positional: string[];
  portalId: PortalId;
  partial: boolean;
  format: 'json' | 'csv' | undefined;
}

/** `--portal <id>` (or CPQ_PORTAL_ID), `--partial`, `--format json|csv` and positional arguments. */
export function parsePortalArgs(args: readonly string[], io: CliIo, code: string): ParsedArgs {
  const positional: string[] = [];
  let portal: string | undefined = io.env.CPQ_PORTAL_ID;
  let partial = false;
  let format: ParsedArgs['format'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--partial') partial = true;
    else if (arg === '--portal') portal = args[++i];
    else if (arg.startsWith('--portal=')) portal = arg.slice('--portal='.length);
    else if (arg === '--format') {
      const value = args[++i];
      if (value !== 'json' && value !== 'csv')
        throw new AppError('validation', code, '--format must be json or csv', {
          issues: [{ path: 'format', message: 'must be json or csv' }],
        });
      format = value;
    } else if (arg.startsWith('--'))
      throw new AppError('validation', code, `Unknown option ${arg}`, {
        issues: [{ path: arg, message: 'unknown option' }],
      });
    else positional.push(arg);
  }
  if (portal === undefined) {
    // The CLI has no HubSpot signature to take the portal from: the operator names it.
    throw new AppError('validation', code, 'Give the portal with --portal <id> (or CPQ_PORTAL_ID)', {
      issues: [{ path: 'portal', message: 'required' }],
    });
  }
  return { positional, portalId: toPortalId(portal), partial, format };
}

/** Opens DATABASE_URL or the PGlite in DATA_DIR; local mode migrates first, like the server. */
export async function withDatabase(io: CliIo, body: (database: Database) => Promise<number>): Promise<number> {
  const config = loadConfig(io.env);
  const database = await openAppDatabase(config, 'cli');
  try {
    // Same rule as the server: local mode migrates, production expects `cpq migrate` to have run.
    if (config.env !== 'production') await migrateDatabase(database);
    return await body(database);
  } finally {
    await database.close();
  }
}

export async function readImportFile(path: string, code: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('validation', code, `Cannot read ${path}`, {
      issues: [{ path: 'file', message: (error as NodeJS.ErrnoException).code ?? 'unreadable' }],
      cause: error,
    });
  }
}

export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolvePromise, reject) =>
    stream.write(text, (error) => (error ? reject(error) : resolvePromise())),
  );
}
