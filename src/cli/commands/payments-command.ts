import { resolve } from 'node:path';
import { AppError } from '../../kernel/errors/app-error.ts';
import { BILLING_ERROR_CODES, importPayments } from '../../modules/billing/index.ts';
import type { CliCommand } from '../cli-command.ts';
import { withDomainEvents } from './billing-cli-support.ts';
import { parsePortalArgs, readImportText, withDatabase, write } from './portal-command-support.ts';

const CODE = BILLING_ERROR_CODES.paymentsImportInvalid;

/**
 * `npx cpq payments import <file.csv> --portal <id>`: payments from an accounting export
 * (`invoice_number,amount,paid_on,reference`). Every row is checked first; one bad row (reported
 * with its line number) means nothing is written (exit 2).
 */
export const paymentsCommand: CliCommand = {
  name: 'payments',
  summary: 'Import payments from a CSV (invoice_number,amount,paid_on,reference); all rows or none',
  usage: 'cpq payments import <file.csv> --portal <id>',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import') {
      throw new AppError('validation', CODE, 'Expected "payments import <file.csv>"', {
        issues: [{ path: 'subcommand', message: 'must be import' }],
      });
    }
    const parsed = parsePortalArgs(rest, io, CODE, paymentsCommand.usage);
    const [file, ...extra] = parsed.positional;
    if (file === undefined || extra.length > 0) {
      throw new AppError('validation', CODE, 'Expected exactly one CSV file', {
        issues: [{ path: 'file', message: 'required' }],
      });
    }
    const text = await readImportText(resolve(io.cwd, file), CODE);
    return withDatabase(io, async (database) => {
      const result = await withDomainEvents(io, database, (events) =>
        importPayments({ db: database.db, events, now: () => Date.now() }, parsed.portalId, text),
      );
      await write(io.stdout, `${JSON.stringify(result, null, 2)}\n`);
      return 0;
    });
  },
};
