import { resolve } from 'node:path';
import { AppError } from '../../kernel/errors/app-error.ts';
import {
  createContractReader,
  listContracts,
  parseContractImport,
  writeContractImport,
} from '../../modules/contracts/index.ts';
import type { CliCommand } from '../cli-command.ts';
import { parsePortalArgs, readImportFile, withDatabase, write } from './portal-command-support.ts';

const CODE = 'CONTRACT_INPUT_INVALID';

function usageError(message: string, path: string): AppError {
  return new AppError('validation', CODE, message, { issues: [{ path, message }] });
}

/**
 * `npx cpq contracts list --portal <id>`, `contracts show <contractId> --portal <id>` and
 * `contracts import <file.json> --portal <id>` (docs/contracts.md). Output is JSON on stdout.
 */
export const contractsCommand: CliCommand = {
  name: 'contracts',
  summary: 'List, show or import (installed base, validated row by row) the contracts of a portal',
  usage:
    'cpq contracts list --portal <id> | cpq contracts show <contractId> --portal <id> | cpq contracts import <file.json> --portal <id>',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'list' && sub !== 'show' && sub !== 'import')
      throw usageError('Expected "contracts list", "contracts show <id>" or "contracts import <file>"', 'subcommand');
    const parsed = parsePortalArgs(rest, io, CODE);
    if (sub === 'list') {
      if (parsed.positional.length > 0) throw usageError('contracts list takes no argument', 'arguments');
      return withDatabase(io, async (database) => {
        const contracts = await listContracts(database.db, parsed.portalId, 1000);
        await write(io.stdout, `${JSON.stringify({ contracts }, null, 2)}\n`);
        return 0;
      });
    }
    const [target, ...extra] = parsed.positional;
    if (target === undefined || extra.length > 0)
      throw usageError(
        sub === 'show' ? 'Expected one contract id' : 'Expected exactly one file to import',
        sub === 'show' ? 'contractId' : 'file',
      );
    if (sub === 'show') {
      return withDatabase(io, async (database) => {
        const contract = await createContractReader(database.db).get(parsed.portalId, target);
        if (!contract) throw new AppError('not-found', 'CONTRACT_NOT_FOUND', `No contract ${target}`);
        await write(io.stdout, `${JSON.stringify({ contract }, null, 2)}\n`);
        return 0;
      });
    }
    const text = await readImportFile(resolve(io.cwd, target), 'CONTRACT_IMPORT_INVALID');
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch (error) {
      throw new AppError('validation', 'CONTRACT_IMPORT_INVALID', 'The import file is not valid JSON', {
        issues: [{ path: 'file', message: error instanceof Error ? error.message : 'invalid JSON' }],
      });
    }
    // Every row is checked before the database is opened: a bad file exits 2 having touched nothing.
    const rows = parseContractImport(json);
    return withDatabase(io, async (database) => {
      const result = await writeContractImport(database.db, parsed.portalId, rows);
      await write(io.stdout, `${JSON.stringify(result, null, 2)}\n`);
      return 0;
    });
  },
};
