import { resolve } from 'node:path';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { importSspRules, writeRevenueCsv } from '../../modules/revenue/index.ts';
import { PeriodRangeSchema } from '../../modules/revenue/index.ts';
import type { CliCommand } from '../cli-command.ts';
import { parsePortalArgs, readImportText, withDatabase, write } from './portal-command-support.ts';

const CODE = 'REVENUE_QUERY_INVALID';
const USAGE =
  'cpq revenue export --from YYYY-MM --to YYYY-MM --portal <id> | cpq revenue ssp import <file.json> --portal <id>';

/** Takes `--from`/`--to` out of the arguments; the rest go to the shared portal argument parser. */
function takeRange(args: readonly string[]): { range: { from?: string; to?: string }; rest: string[] } {
  const range: { from?: string; to?: string } = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const match = /^--(from|to)(?:=(.*))?$/.exec(arg);
    if (match) {
      const key = match[1] === 'from' ? 'from' : 'to';
      const value = match[2] ?? args[++i];
      if (value !== undefined) range[key] = value;
    } else rest.push(arg);
  }
  return { range, rest };
}

/**
 * `npx cpq revenue export --from 2026-01 --to 2026-12 --portal <id>`: the revenue schedule as CSV on
 * stdout, one row per contract line x month, streamed page by page (constant memory).
 * `npx cpq revenue ssp import <file.json> --portal <id>`: SSP rules (docs/revenue.md), all or nothing.
 */
export const revenueCommand: CliCommand = {
  name: 'revenue',
  summary: 'Export the revenue schedule as CSV (streamed) or import standalone selling price rules',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'export') {
      const { range, rest: portalArgs } = takeRange(rest);
      const parsed = parsePortalArgs(portalArgs, io, CODE, revenueCommand.usage);
      if (parsed.positional.length > 0)
        throw new AppError('validation', CODE, 'revenue export takes no file', {
          issues: [{ path: 'file', message: 'unexpected' }],
        });
      const period = parseInput(PeriodRangeSchema, range, CODE);
      return withDatabase(io, async (database) => {
        await writeRevenueCsv(database.db, parsed.portalId, period, io.stdout);
        return 0;
      });
    }
    if (sub === 'ssp' && rest[0] === 'import') {
      const parsed = parsePortalArgs(rest.slice(1), io, 'REVENUE_SSP_INVALID', revenueCommand.usage);
      const [file, ...extra] = parsed.positional;
      if (file === undefined || extra.length > 0)
        throw new AppError('validation', 'REVENUE_SSP_INVALID', 'Expected exactly one SSP rules file', {
          issues: [{ path: 'file', message: 'required' }],
        });
      const text = await readImportText(resolve(io.cwd, file), 'REVENUE_SSP_INVALID');
      let body: unknown;
      try {
        body = JSON.parse(text) as unknown;
      } catch (error) {
        throw new AppError('validation', 'REVENUE_SSP_INVALID', 'The SSP rules file is not valid JSON', {
          issues: [{ path: 'file', message: error instanceof Error ? error.message : 'invalid JSON' }],
        });
      }
      return withDatabase(io, async (database) => {
        const result = await importSspRules(database.db, parsed.portalId, body, { userId: null });
        await write(io.stdout, `${JSON.stringify(result, null, 2)}\n`);
        return 0;
      });
    }
    throw new AppError('validation', CODE, `Usage: ${USAGE}`, {
      issues: [{ path: 'subcommand', message: 'must be "export" or "ssp import"' }],
    });
  },
};
