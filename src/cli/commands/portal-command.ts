import { toPortalId } from '../../kernel/db/portal-id.ts';
import { uninstallFromApp } from '../../modules/tenancy/index.ts';
import { purgeExpiredPortals } from '../../modules/tenancy/index.ts';
import { findInstall } from '../../modules/tenancy/index.ts';
import { createInstallRuntime } from '../../modules/tenancy/index.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseCliArgs } from '../cli-args.ts';
import { usageError, withCliDatabase } from './security-cli-support.ts';

const USAGE = 'cpq portal uninstall <portalId> | cpq portal show <portalId> | cpq portal purge-expired';
const CODE = 'PORTAL_ARGS_INVALID';

/**
 * `npx cpq portal uninstall <portalId>` (app-initiated: HubSpot's uninstall API, then tokens
 * deleted and jobs stopped at once, data after UNINSTALL_RETENTION_DAYS), `show` (the install, never
 * its tokens) and `purge-expired` (the retention job, now).
 */
export const portalCommand: CliCommand = {
  name: 'portal',
  summary: 'Portal installs: uninstall <portalId>, show <portalId>, purge-expired',
  usage: USAGE,
  async run(args, io) {
    const [action, ...rest] = parseCliArgs(args, { code: CODE, usage: USAGE, options: {} }).positionals;
    if (action === 'purge-expired' && rest.length === 0) {
      const purged = await withCliDatabase(io, (_config, database) => purgeExpiredPortals(database.db, new Date()));
      io.stdout.write(`${JSON.stringify({ purged }, null, 2)}\n`);
      return 0;
    }
    if ((action !== 'uninstall' && action !== 'show') || rest.length !== 1)
      throw usageError(CODE, USAGE, 'Expected: uninstall <portalId>, show <portalId> or purge-expired');
    const portalId = toPortalId(rest[0]);
    const output = await withCliDatabase(io, async (config, database) => {
      if (action === 'show') {
        const install = await findInstall(database.db, portalId);
        if (!install) throw new AppError('not-found', 'PORTAL_NOT_FOUND', `Portal ${portalId} never installed the app`);
        return install;
      }
      const runtime = await createInstallRuntime({ config, database, now: () => Date.now() });
      const result = await uninstallFromApp(runtime, portalId);
      return { portalId, status: 'uninstalled', ...result, dataDeleteAfter: result.dataDeleteAfter.toISOString() };
    });
    io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  },
};
