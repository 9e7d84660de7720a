import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toPortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import {
  ATTRIBUTION_ERROR_CODES,
  buildAttributionReport,
  importTouchpoints,
  ReportQuerySchema,
  reportToCsv,
} from '../../modules/attribution/index.ts';
import type { CliCommand, CliIo } from '../cli-command.ts';
import { readImportText, withDatabase, write } from './portal-command-support.ts';

const CODE = ATTRIBUTION_ERROR_CODES.argsInvalid;
const USAGE =
  'cpq attribution import-touchpoints <file.csv> --portal <id> | ' +
  'cpq attribution report --portal <id> --from YYYY-MM-DD --to YYYY-MM-DD [--model w-shaped] [--half-life-days 7] [--csv]';

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        portal: { type: 'string' },
        model: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'half-life-days': { type: 'string' },
        csv: { type: 'boolean' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid arguments';
    throw new AppError('validation', CODE, message, { issues: [{ path: 'arguments', message }] });
  }
}

function portalOf(value: string | undefined, io: CliIo) {
  const portal = value ?? io.env.CPQ_PORTAL_ID;
  if (portal === undefined) {
    throw new AppError('validation', CODE, 'Give the portal with --portal <id> (or CPQ_PORTAL_ID)', {
      issues: [{ path: 'portal', message: 'required' }],
    });
  }
  return toPortalId(portal);
}

/**
 * `npx cpq attribution import-touchpoints <csv>` (teams with their own UTM tracking) and
 * `npx cpq attribution report` (per-campaign amounts, JSON or CSV), per portal.
 */
export const attributionCommand: CliCommand = {
  name: 'attribution',
  summary: 'Import touchpoints (CSV) or print the campaign attribution report (JSON or CSV)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parse(args);
    const [sub, ...rest] = positionals;
    const portalId = portalOf(values.portal, io);
    if (sub === 'import-touchpoints') {
      const [file, ...extra] = rest;
      if (file === undefined || extra.length > 0) {
        throw new AppError('validation', CODE, 'Expected exactly one CSV file', {
          issues: [{ path: 'file', message: 'required' }],
        });
      }
      const text = await readImportText(resolve(io.cwd, file), ATTRIBUTION_ERROR_CODES.touchpointImportInvalid);
      return withDatabase(io, async (database) => {
        const imported = await importTouchpoints(database.db, portalId, text);
        await write(io.stdout, `${JSON.stringify({ imported }, null, 2)}\n`);
        return 0;
      });
    }
    if (sub === 'report' && rest.length === 0) {
      const query = parseInput(
        ReportQuerySchema,
        Object.fromEntries(
          Object.entries({
            model: values.model,
            from: values.from,
            to: values.to,
            halfLifeDays: values['half-life-days'],
          }).filter(([, value]) => value !== undefined),
        ),
        ATTRIBUTION_ERROR_CODES.reportQueryInvalid,
      );
      return withDatabase(io, async (database) => {
        const report = await buildAttributionReport(database.db, portalId, query);
        await write(io.stdout, values.csv ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`);
        return 0;
      });
    }
    throw new AppError('validation', CODE, `Usage: ${USAGE}`, {
      issues: [{ path: 'subcommand', message: 'must be import-touchpoints <file> or report' }],
    });
  },
};
