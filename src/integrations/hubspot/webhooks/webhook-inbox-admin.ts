import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';
import { AppError } from '../../../kernel/errors/app-error.ts';
import type { JobQueue } from '../../../kernel/jobs/job-queue.ts';
import { WEBHOOK_PROCESS_QUEUE, type WebhookProcessJob } from './webhook-intake.ts';
import { HUBSPOT_ERROR } from '../hubspot-error-codes.ts';

export interface InboxEntry {
  id: number;
  portalId: number;
  subscriptionType: string;
  objectTypeId: string | null;
  objectId: string | null;
  occurredAt: number;
  status: string;
  outcome: string | null;
  attempts: number;
  lastError: string | null;
}

/** Operator view across portals: every tenant query is still scoped by the known portal ids. */
async function knownPortals(db: Kysely<DatabaseSchema>, portalId: PortalId | undefined): Promise<number[]> {
  if (portalId !== undefined) return [portalId];
  const rows = await db.selectFrom('portals').select('portal_id').execute();
  return rows.map((row) => Number(row.portal_id));
}

/** Inbox rows, newest first; `failed` = the dead-letter state. */
export async function listInbox(
  db: Kysely<DatabaseSchema>,
  filter: { status?: 'failed' | 'pending'; portalId?: PortalId; limit: number },
): Promise<InboxEntry[]> {
  const portals = await knownPortals(db, filter.portalId);
  if (portals.length === 0) return [];
  let query = db
    .selectFrom('webhook_inbox')
    .select([
      'id',
      'portal_id',
      'subscription_type',
      'object_type_id',
      'object_id',
      'occurred_at',
      'status',
      'outcome',
      'attempts',
      'last_error',
    ])
    .where('portal_id', 'in', portals);
  if (filter.status) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: Number(row.id),
    portalId: Number(row.portal_id),
    subscriptionType: row.subscription_type,
    objectTypeId: row.object_type_id,
    objectId: row.object_id,
    occurredAt: Number(row.occurred_at),
    status: row.status,
    outcome: row.outcome,
    attempts: row.attempts,
    lastError: row.last_error,
  }));
}

/**
 * Re-drives a dead-lettered (or ignored) event: back to `pending` with a fresh attempt count and a
 * processing job, in one transaction. The watermark rule still applies, so an event that newer
 * events have overtaken meanwhile ends `ignored/stale`.
 */
export async function retryInboxEntry(db: Kysely<DatabaseSchema>, jobs: JobQueue, id: number): Promise<InboxEntry> {
  const portals = await knownPortals(db, undefined);
  const row =
    portals.length === 0
      ? undefined
      : await db
          .selectFrom('webhook_inbox')
          .select(['id', 'portal_id', 'status'])
          .where('portal_id', 'in', portals)
          .where('id', '=', id)
          .executeTakeFirst();
  if (!row) throw new AppError('not-found', HUBSPOT_ERROR.WEBHOOK_EVENT_NOT_FOUND, `No webhook event with id ${id}`);
  if (row.status === 'done' || row.status === 'pending') {
    throw new AppError(
      'conflict',
      HUBSPOT_ERROR.WEBHOOK_EVENT_NOT_RETRYABLE,
      `Webhook event ${id} is ${row.status}; only failed or ignored events can be retried`,
    );
  }
  const portalId = Number(row.portal_id) as PortalId;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('webhook_inbox')
      .set({ status: 'pending', attempts: 0, outcome: null, last_error: null, processed_at: null })
      .where('portal_id', '=', portalId)
      .where('id', '=', id)
      .execute();
    await jobs.send<WebhookProcessJob>(WEBHOOK_PROCESS_QUEUE, { portalId, ids: [id] }, { trx });
  });
  const [entry] = (await listInbox(db, { portalId, limit: 1_000_000 })).filter((e) => e.id === id);
  if (!entry) throw new AppError('internal', HUBSPOT_ERROR.WEBHOOK_EVENT_VANISHED, `Webhook event ${id} vanished`);
  return entry;
}

/**
 * Safety net for jobs lost after their retries ran out: pending rows older than `olderThanMs`
 * get a new processing job. Returns how many rows were re-queued.
 */
export async function requeueStalePending(
  db: Kysely<DatabaseSchema>,
  jobs: JobQueue,
  olderThanMs: number,
): Promise<number> {
  let requeued = 0;
  for (const portalId of await knownPortals(db, undefined)) {
    const rows = await db
      .selectFrom('webhook_inbox')
      .select('id')
      .where('portal_id', '=', portalId)
      .where('status', '=', 'pending')
      .where('received_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
      .limit(1000)
      .execute();
    if (rows.length === 0) continue;
    await jobs.send<WebhookProcessJob>(WEBHOOK_PROCESS_QUEUE, { portalId, ids: rows.map((r) => Number(r.id)) });
    requeued += rows.length;
  }
  return requeued;
}
