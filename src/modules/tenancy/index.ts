// The tenancy module's public surface (other modules import only this file).
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';

export { recordAudit, type AuditEntry } from './audit-log-repository.ts';

/** Every installed portal, ascending (daily per-portal jobs such as contract renewals). */
export async function listInstalledPortalIds(db: Kysely<DatabaseSchema>): Promise<PortalId[]> {
  const rows = await db
    .selectFrom('portals')
    .select('portal_id')
    .where('status', '=', 'installed')
    .orderBy('portal_id')
    .execute();
  return rows.map((row) => toPortalId(Number(row.portal_id)));
}
