import type { Kysely } from 'kysely';
import type { AppRole, DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';

export const APP_ROLES: readonly AppRole[] = ['admin', 'approver'];

export async function rolesOf(db: Kysely<DatabaseSchema>, portalId: PortalId, userId: number): Promise<AppRole[]> {
  const rows = await db
    .selectFrom('portal_user_roles')
    .select('role')
    .where('portal_id', '=', portalId)
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  return rows.map((row) => row.role);
}

export async function listRoleAssignments(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
): Promise<Array<{ userId: number; roles: AppRole[] }>> {
  const rows = await db
    .selectFrom('portal_user_roles')
    .select(['user_id', 'role'])
    .where('portal_id', '=', portalId)
    .orderBy('user_id')
    .orderBy('role')
    .execute();
  const byUser = new Map<number, AppRole[]>();
  for (const row of rows) byUser.set(Number(row.user_id), [...(byUser.get(Number(row.user_id)) ?? []), row.role]);
  return [...byUser].map(([userId, roles]) => ({ userId, roles }));
}

/** Replaces a user's roles; returns the previous ones. */
export async function setRoles(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  userId: number,
  roles: readonly AppRole[],
  grantedBy: number | null,
): Promise<AppRole[]> {
  const previous = await rolesOf(db, portalId, userId);
  await db.deleteFrom('portal_user_roles').where('portal_id', '=', portalId).where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('portal_user_roles')
      .values(roles.map((role) => ({ portal_id: portalId, user_id: userId, role, granted_by_user_id: grantedBy })))
      .execute();
  }
  return previous;
}

export async function grantRole(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  userId: number,
  role: AppRole,
  grantedBy: number | null,
): Promise<void> {
  await db
    .insertInto('portal_user_roles')
    .values({ portal_id: portalId, user_id: userId, role, granted_by_user_id: grantedBy })
    .onConflict((conflict) => conflict.columns(['portal_id', 'user_id', 'role']).doNothing())
    .execute();
}

export async function countAdmins(db: Kysely<DatabaseSchema>, portalId: PortalId): Promise<number> {
  const row = await db
    .selectFrom('portal_user_roles')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('portal_id', '=', portalId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
