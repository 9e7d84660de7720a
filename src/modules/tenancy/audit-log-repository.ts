import type { Kysely } from 'kysely';
import type { AuditActorKind, DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';

/**
 * Who did what to which quote/contract/setting and when (docs/security.md), per portal. Callers pass the
 * transaction of the change so the record exists iff the change committed. `details` must never
 * hold a secret (tokens, keys).
 */
export interface AuditEntry {
  actorKind: AuditActorKind;
  actorUserId?: number | null;
  /** Dotted verb, e.g. `portal.installed`, `quote.approved`, `roles.granted`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  id: number;
  portalId: number;
  actorKind: AuditActorKind;
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
  occurredAt: string;
}

export async function recordAudit(db: Kysely<DatabaseSchema>, portalId: PortalId, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      portal_id: portalId,
      actor_kind: entry.actorKind,
      actor_user_id: entry.actorUserId ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** Newest first; `beforeId` pages backwards. */
export async function listAudit(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  options: { limit: number; beforeId?: number },
): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll().where('portal_id', '=', portalId);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((row) => ({
    id: Number(row.id),
    portalId: Number(row.portal_id),
    actorKind: row.actor_kind,
    actorUserId: row.actor_user_id === null ? null : Number(row.actor_user_id),
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    details: row.details,
    occurredAt: new Date(row.occurred_at).toISOString(),
  }));
}

export async function findAudit(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  id: number,
): Promise<AuditRecord | undefined> {
  const rows = await listAuditById(db, portalId, id);
  return rows[0];
}

async function listAuditById(db: Kysely<DatabaseSchema>, portalId: PortalId, id: number): Promise<AuditRecord[]> {
  const page = await listAudit(db, portalId, { limit: 1, beforeId: id + 1 });
  return page.filter((record) => record.id === id);
}
