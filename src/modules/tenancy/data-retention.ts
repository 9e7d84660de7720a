import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { TENANT_TABLES } from '../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import { recordAudit } from './audit-log-repository.ts';

/** Kept after deletion: the security record of what happened to the portal (docs/security.md). */
const KEPT_TABLES = new Set(['audit_log']);

export const RETENTION_SWEEP_QUEUE = 'install.retention-sweep';

/** Tenant tables, children before parents, from the foreign keys in the current schema. */
async function deletionOrder(db: Kysely<DatabaseSchema>): Promise<string[]> {
  const tables = [...TENANT_TABLES].filter((table) => !KEPT_TABLES.has(table)).sort();
  const edges = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
  const ordered: string[] = [];
  const remaining = new Set(tables);
  while (remaining.size > 0) {
    const ready = [...remaining].filter(
      (table) => !edges.rows.some((edge) => edge.parent === table && edge.child !== table && remaining.has(edge.child)),
    );
    const next = ready.length > 0 ? ready : [...remaining];
    for (const table of next) {
      ordered.push(table);
      remaining.delete(table);
    }
  }
  return ordered;
}

async function purgePortal(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  order: readonly string[],
  now: Date,
): Promise<Record<string, number> | undefined> {
  return db.transaction().execute(async (trx) => {
    // Re-check under a row lock: a re-install since the sweep started cancels the deletion.
    const portal = await trx
      .selectFrom('portals')
      .select(['status', 'data_delete_after', 'data_deleted_at'])
      .where('portal_id', '=', portalId)
      .forUpdate()
      .executeTakeFirst();
    if (!portal || portal.status !== 'uninstalled' || portal.data_deleted_at !== null) return undefined;
    if (!portal.data_delete_after || new Date(portal.data_delete_after).getTime() > now.getTime()) return undefined;
    const deleted: Record<string, number> = {};
    for (const table of order) {
      const result = await sql`delete from ${sql.table(table)} where portal_id = ${portalId}`.execute(trx);
      const count = Number(result.numAffectedRows ?? 0);
      if (count > 0) deleted[table] = count;
    }
    await trx
      .updateTable('portals')
      .set({ data_deleted_at: now, updated_at: now })
      .where('portal_id', '=', portalId)
      .execute();
    await recordAudit(trx, portalId, {
      actorKind: 'system',
      action: 'portal.data_deleted',
      entityType: 'portal',
      entityId: String(portalId),
      details: { deleted },
    });
    return deleted;
  });
}

/**
 * Deletes the data of every portal uninstalled longer than its retention (UNINSTALL_RETENTION_DAYS),
 * one portal per transaction. The portal row (status, dates) and its audit log stay.
 */
export async function purgeExpiredPortals(
  db: Kysely<DatabaseSchema>,
  now: Date,
): Promise<Array<{ portalId: number; deleted: Record<string, number> }>> {
  const due = await db
    .selectFrom('portals')
    .select('portal_id')
    .where('status', '=', 'uninstalled')
    .where('data_deleted_at', 'is', null)
    .where('data_delete_after', '<=', now)
    .orderBy('portal_id')
    .execute();
  if (due.length === 0) return [];
  const order = await deletionOrder(db);
  const purged: Array<{ portalId: number; deleted: Record<string, number> }> = [];
  for (const row of due) {
    const portalId = toPortalId(Number(row.portal_id));
    const deleted = await purgePortal(db, portalId, order, now);
    if (deleted) purged.push({ portalId, deleted });
  }
  return purged;
}
