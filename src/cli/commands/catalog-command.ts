import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { catalogRepository } from '../../catalog/catalog-repository.ts';
import { importCatalog } from '../../catalog/catalog-import.ts';
import { parseCatalogFile } from '../../catalog/catalog-file-parser.ts';
import { loadConfig } from '../../config/app-config.ts';
import { migrateDatabase } from '../../db/migrate-database.ts';
import { openDatabase, type Database } from '../../db/open-database.ts';
import { toPortalId, type PortalId } from '../../db/portal-id.ts';
import { AppError } from '../../errors/app-error.ts';
import type { CliCommand, CliIo } from '../cli-command.ts';

const CODE = 'CATALOG_ARGS_INVALID';
/** Files with at least this many rows get a progress bar on stderr. */
const PROGRESS_MIN_ROWS = 5000;

interface ParsedArgs {
  positional: string[];
  portalId: PortalId;
  partial: boolean;
  format: 'json' | 'csv' | undefined;
}

function parseArgs(args: readonly string[], io: CliIo): ParsedArgs {
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
      if (value !== 'json' && value !== 'csv') throw new AppError('validation', CODE, '--format must be json or csv', { issues: [{ path: 'format', message: 'must be json or csv' }] });
      format = value;
    } else if (arg.startsWith('--')) throw new AppError('validation', CODE, `Unknown option ${arg}`, { issues: [{ path: arg, message: 'unknown option' }] });
    else positional.push(arg);
  }
  if (portal === undefined) {
    // The CLI has no HubSpot signature to take the portal from: the operator names it.
    throw new AppError('validation', CODE, 'Give the portal with --portal <id> (or CPQ_PORTAL_ID)', { issues: [{ path: 'portal', message: 'required' }] });
  }
  return { positional, portalId: toPortalId(portal), partial, format };
}

/**
 * `npx cpq catalog import <file.json|file.csv> --portal <id> [--partial]` and
 * `npx cpq catalog export --portal <id>` (docs/quotes.md). Import validates every row and writes
 * nothing unless all pass (or --partial writes the good ones); it prints a JSON summary on stdout.
 */
export const catalogCommand: CliCommand = {
  name: 'catalog',
  summary: 'Import (JSON/CSV, validated row by row) or export the catalog of a portal',
  usage: 'cpq catalog import <file.json|file.csv> --portal <id> [--partial] | cpq catalog export --portal <id>',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import' && sub !== 'export') {
      throw new AppError('validation', CODE, 'Expected "catalog import <file>" or "catalog export"', { issues: [{ path: 'subcommand', message: 'must be import or export' }] });
    }
    const parsed = parseArgs(rest, io);
    if (sub === 'import') {
      const [file, ...extra] = parsed.positional;
      if (file === undefined || extra.length > 0) throw new AppError('validation', CODE, 'Expected exactly one file to import', { issues: [{ path: 'file', message: 'required' }] });
      const path = resolve(io.cwd, file);
      const format = parsed.format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'json');
      const text = await readImportFile(path);
      const raw = parseCatalogFile(text, format);
      return withDatabase(io, async (database) => {
        const bar = progressBar(io.stderr, raw.products.length >= PROGRESS_MIN_ROWS);
        const result = await importCatalog(database.db, parsed.portalId, raw, { partial: parsed.partial, onProgress: bar });
        await write(io.stdout, `${JSON.stringify({ imported: { products: result.products, discountSchedules: result.discountSchedules }, rejected: result.rejected, issues: result.issues }, null, 2)}\n`);
        return 0;
      });
    }
    if (parsed.positional.length > 0) throw new AppError('validation', CODE, 'catalog export takes no file', { issues: [{ path: 'file', message: 'unexpected' }] });
    return withDatabase(io, async (database) => {
      const catalog = await catalogRepository.exportAll(database.db, parsed.portalId);
      await write(io.stdout, `${JSON.stringify(catalog, null, 2)}\n`);
      return 0;
    });
  },
};

async function withDatabase(io: CliIo, body: (database: Database) => Promise<number>): Promise<number> {
  const config = loadConfig(io.env);
  const database = await openDatabase(config.database);
  try {
    // Same rule as the server: local mode migrates, production expects `cpq migrate` to have run.
    if (config.env !== 'production') await migrateDatabase(database);
    return await body(database);
  } finally {
    await database.close();
  }
}

async function readImportFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('validation', 'CATALOG_FILE_INVALID', `Cannot read ${path}`, { issues: [{ path: 'file', message: (error as NodeJS.ErrnoException).code ?? 'unreadable' }], cause: error });
  }
}

/** A text progress bar on stderr (stdout stays pure JSON); on a non-TTY it prints at each 10%. */
function progressBar(stderr: Writable, enabled: boolean): ((written: number, total: number) => void) | undefined {
  if (!enabled) return undefined;
  const tty = (stderr as Writable & { isTTY?: boolean }).isTTY === true;
  let lastDecile = -1;
  return (written, total) => {
    const fraction = total === 0 ? 1 : written / total;
    const filled = Math.round(fraction * 30);
    const line = `importing [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${written}/${total}`;
    if (tty) stderr.write(`\r${line}${written === total ? '\n' : ''}`);
    else if (Math.floor(fraction * 10) > lastDecile) {
      lastDecile = Math.floor(fraction * 10);
      stderr.write(`${line}\n`);
    }
  };
}

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolvePromise, reject) => stream.write(text, (error) => (error ? reject(error) : resolvePromise())));
}
