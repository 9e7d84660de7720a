import { z } from 'zod';
import { AppError } from '../../kernel/errors/app-error.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { IsoDate } from '../../kernel/money/money-schemas.ts';
import { BILLING_ERROR_CODES, listInvoices, runInvoices } from '../../modules/billing/index.ts';
import type { CliCommand, CliIo } from '../cli-command.ts';
import { withDomainEvents } from './billing-cli-support.ts';
import { withDatabase, write } from './portal-command-support.ts';

const CODE = BILLING_ERROR_CODES.invoicesCommandInvalid;

const Args = z.strictObject({
  sub: z.enum(['run', 'list'], { error: 'must be run or list' }),
  date: IsoDate.optional(),
  portal: z.string().optional(),
  overdue: z.boolean(),
});

function parseArgs(args: readonly string[], io: CliIo): z.infer<typeof Args> {
  const [sub, ...rest] = args;
  const raw: Record<string, unknown> = { sub, overdue: false };
  if (io.env.CPQ_PORTAL_ID) raw.portal = io.env.CPQ_PORTAL_ID;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] ?? '';
    const [name, inline] = arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    if (name === '--overdue') raw.overdue = true;
    else if (name === '--date' || name === '--portal') raw[name.slice(2)] = inline ?? rest[++i];
    else
      throw new AppError('validation', CODE, `Unknown argument ${arg}`, {
        issues: [{ path: arg, message: 'unknown argument' }],
      });
  }
  return parseInput(Args, raw, CODE);
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * `npx cpq invoices run --date D [--portal P]`: issues every planned invoice and credit note dated
 * on or before D (default today), each in its own transaction with gapless numbers; prints a JSON
 * summary. `npx cpq invoices list --portal P [--overdue]` prints the portal's invoices (docs/billing.md).
 */
export const invoicesCommand: CliCommand = {
  name: 'invoices',
  summary: 'Run the invoice run (issue due invoices) or list invoices (--overdue)',
  usage: 'cpq invoices run [--date YYYY-MM-DD] [--portal <id>] | cpq invoices list --portal <id> [--overdue]',
  async run(args, io) {
    const parsed = parseArgs(args, io);
    const portalId: PortalId | undefined = parsed.portal === undefined ? undefined : toPortalId(parsed.portal);
    const date = parsed.date ?? today();
    if (parsed.sub === 'run') {
      return withDatabase(io, async (database) => {
        const result = await withDomainEvents(io, database, (events) =>
          runInvoices(
            { db: database.db, events, now: () => Date.now() },
            { date, ...(portalId === undefined ? {} : { portalId }) },
          ),
        );
        await write(io.stdout, `${JSON.stringify({ date, ...result }, null, 2)}\n`);
        return 0;
      });
    }
    if (portalId === undefined) {
      throw new AppError('validation', CODE, 'Give the portal with --portal <id>', {
        issues: [{ path: 'portal', message: 'required' }],
      });
    }
    return withDatabase(io, async (database) => {
      const invoices = await listInvoices(database.db, portalId, date, parsed.overdue ? { overdueAsOf: date } : {});
      const rows = invoices.map(({ lines: _lines, installments: _installments, ...invoice }) => invoice);
      await write(io.stdout, `${JSON.stringify({ asOf: date, invoices: rows }, null, 2)}\n`);
      return 0;
    });
  },
};
