import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { findInstall } from './install-repository.ts';
import { findAudit, listAudit, recordAudit } from './audit-log-repository.ts';
import { requireRole, signedCaller } from './require-role.ts';
import { APP_ROLES, countAdmins, listRoleAssignments, setRoles } from './role-repository.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

const UserIdParam = z.object({
  userId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.number().int().safe()),
});
const AuditIdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.number().int().safe()),
});
const RolesBody = z.object({ roles: z.array(z.enum(['admin', 'approver'])).max(APP_ROLES.length) }).strict();
const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().safe().optional(),
});

/**
 * Card-facing security routes (all behind the signature, portal from the signed query):
 * `GET /v1/security/me`, `GET /v1/security/roles` and `PUT /v1/security/roles/:userId` (admin),
 * `GET /v1/audit` and `GET /v1/audit/:id` (admin).
 */
export function securityRouter(db: Kysely<DatabaseSchema>): Router {
  const router = Router();

  router.get('/v1/security/me', async (_req, res) => {
    const caller = await signedCaller(db, res);
    const install = await findInstall(db, caller.portalId);
    res.json({
      portalId: caller.portalId,
      userId: caller.userId,
      roles: caller.roles,
      features: install?.features ?? [],
    });
  });

  router.get('/v1/security/roles', async (_req, res) => {
    const caller = await requireRole(db, res, 'admin');
    res.json({ assignments: await listRoleAssignments(db, caller.portalId) });
  });

  router.put('/v1/security/roles/:userId', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    const { userId } = parseInput(UserIdParam, req.params, TENANCY_ERROR.ROLES_REQUEST_INVALID);
    const { roles } = parseInput(RolesBody, req.body, TENANCY_ERROR.ROLES_REQUEST_INVALID);
    const unique = [...new Set(roles)].sort();
    const previous = await db.transaction().execute(async (trx) => {
      const before = await setRoles(trx, caller.portalId, userId, unique, caller.userId);
      // A portal must keep an admin, or nobody could manage roles again without a re-install.
      if ((await countAdmins(trx, caller.portalId)) === 0) {
        throw new AppError('conflict', TENANCY_ERROR.LAST_ADMIN, 'The portal must keep at least one app admin');
      }
      await recordAudit(trx, caller.portalId, {
        actorKind: 'user',
        actorUserId: caller.userId,
        action: 'roles.changed',
        entityType: 'user',
        entityId: String(userId),
        details: { before, after: unique },
      });
      return before;
    });
    res.json({ userId, roles: unique, previousRoles: previous });
  });

  router.get('/v1/audit', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    const query = parseInput(AuditQuery, req.query, TENANCY_ERROR.AUDIT_QUERY_INVALID);
    res.json({
      entries: await listAudit(db, caller.portalId, {
        limit: query.limit,
        ...(query.before ? { beforeId: query.before } : {}),
      }),
    });
  });

  router.get('/v1/audit/:id', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    const { id } = parseInput(AuditIdParam, req.params, TENANCY_ERROR.AUDIT_QUERY_INVALID);
    const entry = await findAudit(db, caller.portalId, id);
    // Another portal's entry answers exactly like a missing one: no existence leak.
    if (!entry) throw new AppError('not-found', TENANCY_ERROR.AUDIT_ENTRY_NOT_FOUND, `Audit entry ${id} not found`);
    res.json(entry);
  });

  return router;
}
