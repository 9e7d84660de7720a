import { extname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { catalogRepository } from '../../modules/catalog/catalog-repository.ts';
import { importCatalog } from '../../modules/catalog/catalog-import.ts';
import { parseCatalogFile } from '../../modules/catalog/catalog-file-parser.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { CliCommand } from '../cli-command.ts';
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
  summary: 'Import (JSON/CSV, validated row by row) or export the catalog of a portal',
  usage: 'cpq catalog import <file.json|file.csv> --portal <id> [--partial] | cpq catalog export --portal <id>',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import' && sub !== 'export') {
      throw new AppError('validation', CODE, 'Expected "catalog import <file>" or "catalog export"', {
        issues: [{ path: 'subcommand', message: 'must be import or export' }],
      });
    }
    const parsed = parsePortalArgs(rest, io, CODE, catalogCommand.usage);
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
