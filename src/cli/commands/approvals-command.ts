import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { AppError } from '../../kernel/errors/app-error.ts';
import { exportApprovalRules, importApprovalRules } from '../../modules/approvals/index.ts';
import type { CliCommand } from '../cli-command.ts';
import { parsePortalArgs, readImportText, withDatabase, write } from './portal-command-support.ts';

const CODE = 'APPROVALS_ARGS_INVALID';

/**
 * `npx cpq approvals import <file.json> --portal <id>` and `npx cpq approvals export <file.json>
 * --portal <id>` (docs/approvals.md "Rules"). Import validates every rule and writes nothing unless
 * all pass (exit 2 with every issue); export writes the same JSON shape import reads.
 */
export const approvalsCommand: CliCommand = {
  name: 'approvals',
  summary: 'Import (validated, all or nothing) or export the approval rules of a portal',
  usage: 'cpq approvals import <file.json> --portal <id> | cpq approvals export <file.json> --portal <id>',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import' && sub !== 'export')
      throw new AppError('validation', CODE, 'Expected "approvals import <file>" or "approvals export <file>"', {
        issues: [{ path: 'subcommand', message: 'must be import or export' }],
      });
    const parsed = parsePortalArgs(rest, io, CODE, approvalsCommand.usage);
    const [file, ...extra] = parsed.positional;
    if (file === undefined || extra.length > 0)
      throw new AppError('validation', CODE, 'Expected exactly one file', {
        issues: [{ path: 'file', message: 'required' }],
      });
    const path = resolve(io.cwd, file);
    if (sub === 'import') {
      const text = await readImportText(path, 'APPROVAL_RULES_INVALID');
      return withDatabase(io, async (database) => {
        const set = await importApprovalRules(database.db, parsed.portalId, text);
        await write(
          io.stdout,
          `${JSON.stringify({ imported: set.rules.length, rules: set.rules.map((r) => r.id) })}\n`,
        );
        return 0;
      });
    }
    return withDatabase(io, async (database) => {
      const set = await exportApprovalRules(database.db, parsed.portalId);
      await writeFile(path, `${JSON.stringify(set, null, 2)}\n`);
      await write(io.stdout, `${JSON.stringify({ exported: set.rules.length, file: path })}\n`);
      return 0;
    });
  },
};
