import { sql, type Kysely } from 'kysely';
import type { AuditActorKind, DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { recordAudit } from './audit-log-repository.ts';
import { deleteTokens, markUninstalled } from './install-repository.ts';

/**
 * Uninstall, whoever started it (docs/security.md): in one transaction the portal is marked uninstalled
 * with a deletion date, its tokens are deleted (not just flagged), its queued jobs are removed and
 * an audit record is written. Data stays until the retention job deletes it.
 *
 * Jobs: every job of this app carries the portal as `portalId` at the top level of its data
 * (convention, docs/security.md); queued and retrying ones are deleted here. A job already running
 * finishes its current attempt; its next HubSpot call fails because the tokens are gone.
 */
export interface UninstallChange {
  reason: 'app' | 'customer';
  actorKind: AuditActorKind;
  actorUserId?: number | null;
  now: Date;
  retentionDays: number;
  /** How a customer uninstall was noticed (`refresh-refused`, `webhook`), kept in the audit details. */
  detectedBy?: string;
}

export interface UninstallResult {
  changed: boolean;
  tokensDeleted: number;
  jobsStopped: number;
  dataDeleteAfter: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function stopPortalJobs(
  trx: Kysely<DatabaseSchema>,
  jobSchema: string,
  portalId: PortalId,
): Promise<number> {
  const table = `${jobSchema}.job`;
  const exists = await sql<{ found: string | null }>`select to_regclass(${table})::text as found`.execute(trx);
  if (!exists.rows[0]?.found) return 0;
  const result =
    await sql`delete from ${sql.table(table)} where state in ('created', 'retry') and data->>'portalId' = ${String(portalId)}`.execute(
      trx,
    );
  return Number(result.numAffectedRows ?? 0);
}

/** The uninstall inside the caller's transaction (the webhook processor applies it with the event's status). */
export async function uninstallPortalIn(
  trx: Kysely<DatabaseSchema>,
  jobSchema: string,
  portalId: PortalId,
  change: UninstallChange,
): Promise<UninstallResult> {
  const dataDeleteAfter = new Date(change.now.getTime() + change.retentionDays * DAY_MS);
  const changed = await markUninstalled(trx, portalId, {
    reason: change.reason,
    now: change.now,
    deleteAfter: dataDeleteAfter,
  });
  const tokensDeleted = await deleteTokens(trx, portalId);
  const jobsStopped = await stopPortalJobs(trx, jobSchema, portalId);
  if (changed) {
    await recordAudit(trx, portalId, {
      actorKind: change.actorKind,
      actorUserId: change.actorUserId ?? null,
      action: 'portal.uninstalled',
      entityType: 'portal',
      entityId: String(portalId),
      details: {
        reason: change.reason,
        ...(change.detectedBy === undefined ? {} : { detectedBy: change.detectedBy }),
        tokensDeleted,
        jobsStopped,
        dataDeleteAfter: dataDeleteAfter.toISOString(),
      },
    });
  }
  return { changed, tokensDeleted, jobsStopped, dataDeleteAfter };
}

export async function uninstallPortal(
  db: Kysely<DatabaseSchema>,
  jobSchema: string,
  portalId: PortalId,
  change: UninstallChange,
): Promise<UninstallResult> {
  return db.transaction().execute((trx) => uninstallPortalIn(trx, jobSchema, portalId, change));
}
