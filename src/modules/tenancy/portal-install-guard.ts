import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { getSignedContext } from '../../kernel/http/signed-context.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

/**
 * Runs after the signature check on every /api route: an uninstalled portal gets 403
 * PORTAL_UNINSTALLED; a portal that never installed gets 403 PORTAL_NOT_INSTALLED, except the
 * portals in `allowUnknownPortals` (sandbox mode: the sandbox's own portals, nothing else).
 * A signed request without a portalId passes through: the route's requireSignedPortal answers 401.
 */
export function portalInstallGuard(options: {
  db: Kysely<DatabaseSchema>;
  allowUnknownPortals: ReadonlySet<number>;
}): RequestHandler {
  return async (_req: Request, res: Response, next: NextFunction) => {
    const { portalId } = getSignedContext(res);
    if (portalId === undefined) return next();
    const portal = await options.db
      .selectFrom('portals')
      .select('status')
      .where('portal_id', '=', portalId)
      .executeTakeFirst();
    if (portal?.status === 'uninstalled')
      throw new AppError('forbidden', TENANCY_ERROR.PORTAL_UNINSTALLED, 'The app was uninstalled from this portal');
    if (!portal && !options.allowUnknownPortals.has(portalId))
      throw new AppError('forbidden', TENANCY_ERROR.PORTAL_NOT_INSTALLED, 'The app is not installed in this portal');
    next();
  };
}
