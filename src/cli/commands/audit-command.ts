import { toPortalId } from '../../kernel/db/portal-id.ts';
import { listAudit } from '../../modules/tenancy/index.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseCliArgs } from '../cli-args.ts';
import { usageError, withCliDatabase } from './security-cli-support.ts';

const USAGE = 'cpq audit <portalId> [--limit N] [--before ID]';
const CODE = 'AUDIT_ARGS_INVALID';

function positiveInt(value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]{0,15}$/.test(value) || Number(value) > max)
    throw usageError(CODE, USAGE, `Expected a positive integer up to ${max}, got "${value}"`);
  return Number(value);
}

/** `npx cpq audit <portalId>`: the portal's audit log, newest first, as JSON on stdout. */
export const auditCommand: CliCommand = {
  name: 'audit',
  summary: "Print a portal's audit log (newest first) as JSON",
  usage: USAGE,
  async run(args, io) {
    const { positionals, values } = parseCliArgs(args, {
      code: CODE,
      usage: USAGE,
      options: { limit: { type: 'string' }, before: { type: 'string' } },
    });
    if (positionals.length !== 1) throw usageError(CODE, USAGE, 'Expected exactly one portal id');
    const portalId = toPortalId(positionals[0]);
    const limit = positiveInt(values.limit, 10_000) ?? 100;
    const before = positiveInt(values.before, Number.MAX_SAFE_INTEGER);
    const entries = await withCliDatabase(io, (_config, database) =>
      listAudit(database.db, portalId, { limit, ...(before === undefined ? {} : { beforeId: before }) }),
    );
    io.stdout.write(`${JSON.stringify({ portalId, entries }, null, 2)}\n`);
    return 0;
  },
};
