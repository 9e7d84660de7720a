import { extname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { catalogRepository } from '../../modules/catalog/index.ts';
import { importCatalog } from '../../modules/catalog/index.ts';
import { parseCatalogFile } from '../../modules/catalog/index.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { CliCommand } from '../cli-command.ts';
import { progressBar } from '../progress-bar.ts';
import { syncCatalogCommand } from './catalog-sync-command.ts';
import { parsePortalArgs, readImportFile, withDatabase, write } from './portal-command-support.ts';

const CODE = 'CATALOG_ARGS_INVALID';
/** Files with at least this many rows get a progress bar on stderr. */
const PROGRESS_MIN_ROWS = 5000;

/**
 * `npx cpq catalog import <file.json|file.csv> --portal <id> [--partial]` and
 * `npx cpq catalog export --portal <id>` (docs/quotes.md). Import validates every row and writes
 * nothing unless all pass (or --partial writes the good ones); it prints a JSON summary on stdout.
 */
export const catalogCommand: CliCommand = {
  name: 'catalog',
  summary: 'Import (JSON/CSV, validated row by row), export, or sync from the HubSpot product library',
  usage:
    'cpq catalog import <file.json|file.csv> --portal <id> [--partial] | cpq catalog export --portal <id> | cpq catalog sync --portal <id>',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import' && sub !== 'export' && sub !== 'sync') {
      throw new AppError('validation', CODE, 'Expected "catalog import <file>", "catalog export" or "catalog sync"', {
        issues: [{ path: 'subcommand', message: 'must be import, export or sync' }],
      });
    }
    const parsed = parsePortalArgs(rest, io, CODE);
    if (sub === 'sync') {
      if (parsed.positional.length > 0)
        throw new AppError('validation', CODE, 'catalog sync takes no file', {
          issues: [{ path: 'file', message: 'unexpected' }],
        });
      const report = await syncCatalogCommand(io, parsed.portalId);
      await write(io.stdout, `${JSON.stringify({ synced: report }, null, 2)}\n`);
      return 0;
    }
    if (sub === 'import') {
      const [file, ...extra] = parsed.positional;
      if (file === undefined || extra.length > 0)
        throw new AppError('validation', CODE, 'Expected exactly one file to import', {
          issues: [{ path: 'file', message: 'required' }],
        });
      const path = resolve(io.cwd, file);
      const format = parsed.format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'json');
      const text = await readImportFile(path, 'CATALOG_FILE_INVALID');
      const raw = parseCatalogFile(text, format);
      return withDatabase(io, async (database) => {
        const bar = progressBar(io.stderr, raw.products.length >= PROGRESS_MIN_ROWS);
        const result = await importCatalog(database.db, parsed.portalId, raw, {
          partial: parsed.partial,
          onProgress: bar,
        });
        await write(
          io.stdout,
          `${JSON.stringify({ imported: { products: result.products, discountSchedules: result.discountSchedules }, rejected: result.rejected, issues: result.issues }, null, 2)}\n`,
        );
        return 0;
      });
    }
    if (parsed.positional.length > 0)
      throw new AppError('validation', CODE, 'catalog export takes no file', {
        issues: [{ path: 'file', message: 'unexpected' }],
      });
    return withDatabase(io, async (database) => {
      const catalog = await catalogRepository.exportAll(database.db, parsed.portalId);
      await write(io.stdout, `${JSON.stringify(catalog, null, 2)}\n`);
      return 0;
    });
  },
};
