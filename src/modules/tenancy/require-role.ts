import type { Response } from 'express';
import type { Kysely } from 'kysely';
import type { AppRole, DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { getSignedContext, requireSignedPortal } from '../../kernel/http/signed-context.ts';
import { rolesOf } from './role-repository.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

export interface Caller {
  portalId: PortalId;
  userId: number;
  roles: AppRole[];
}

/**
 * The signed caller and their app roles. Roles come only from portal_user_roles for the signed
 * (portalId, userId): nothing the card sends in a body or header is trusted (docs/security.md "Roles").
 */
export async function signedCaller(db: Kysely<DatabaseSchema>, res: Response): Promise<Caller> {
  const portalId = requireSignedPortal(res);
  const { userId } = getSignedContext(res);
  if (userId === undefined)
    throw new AppError('forbidden', TENANCY_ERROR.SIGNED_USER_MISSING, 'The signed request names no HubSpot user');
  return { portalId, userId, roles: await rolesOf(db, portalId, userId) };
}

/** For routes: `const caller = await requireRole(db, res, 'approver')` -> 403 ROLE_REQUIRED without it. */
export async function requireRole(db: Kysely<DatabaseSchema>, res: Response, role: AppRole): Promise<Caller> {
  const caller = await signedCaller(db, res);
  if (!caller.roles.includes(role))
    throw new AppError('forbidden', TENANCY_ERROR.ROLE_REQUIRED, `This action needs the app role "${role}"`);
  return caller;
}
