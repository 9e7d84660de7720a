import { extname, resolve } from 'node:path';
import { parseRowsFile } from '../../modules/catalog/index.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { accountPricingRepository } from '../../modules/quotes/index.ts';
import { accountRowsFromCsv, importAccountPricing } from '../../modules/quotes/index.ts';
import type { CliCommand } from '../cli-command.ts';
import { parsePortalArgs, readImportFile, withDatabase, write } from './portal-command-support.ts';

const CODE = 'ACCOUNTS_ARGS_INVALID';

/**
 * `npx cpq accounts import <file.json|file.csv> --portal <id> [--partial]`: account pricing per
 * HubSpot company (contracted prices, partner/distributor discounts, renewal method), validated row
 * by row like the catalog; each listed company's pricing is replaced. `cpq accounts export`.
 */
export const accountsCommand: CliCommand = {
  name: 'accounts',
  summary: 'Import (JSON/CSV, validated row by row) or export account pricing of a portal',
  usage: 'cpq accounts import <file.json|file.csv> --portal <id> [--partial] | cpq accounts export --portal <id>',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import' && sub !== 'export') {
      throw new AppError('validation', CODE, 'Expected "accounts import <file>" or "accounts export"', {
        issues: [{ path: 'subcommand', message: 'must be import or export' }],
      });
    }
    const parsed = parsePortalArgs(rest, io, CODE, accountsCommand.usage);
    if (sub === 'export') {
      return withDatabase(io, async (database) => {
        const companies = await accountPricingRepository.list(database.db, parsed.portalId);
        await write(io.stdout, `${JSON.stringify(companies, null, 2)}\n`);
        return 0;
      });
    }
    const [file, ...extra] = parsed.positional;
    if (file === undefined || extra.length > 0)
      throw new AppError('validation', CODE, 'Expected exactly one file to import', {
        issues: [{ path: 'file', message: 'required' }],
      });
    const path = resolve(io.cwd, file);
    const format = parsed.format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'json');
    const { rows } = parseRowsFile(await readImportFile(path, 'ACCOUNTS_FILE_INVALID'), format);
    return withDatabase(io, async (database) => {
      const result = await importAccountPricing(
        database.db,
        parsed.portalId,
        format === 'csv' ? accountRowsFromCsv(rows) : rows,
        { partial: parsed.partial },
      );
      await write(
        io.stdout,
        `${JSON.stringify({ imported: { companies: result.companies }, rejected: result.rejected, issues: result.issues }, null, 2)}\n`,
      );
      return 0;
    });
  },
};
