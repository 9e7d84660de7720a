import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../src/db/db-schema.ts';
import type { JobQueue, QueueDefinition } from '../src/jobs/job-queue.ts';
import { objectKeyOf, type WebhookEvent } from './webhook-event-schema.ts';

export const WEBHOOK_PROCESS_QUEUE = 'webhooks.process';

/** Retries with backoff; the inbox row's own attempt count decides the dead letter (5 failures). */
export const WEBHOOK_PROCESS_QUEUE_DEFINITION: QueueDefinition = { name: WEBHOOK_PROCESS_QUEUE, retryLimit: 8, retryDelaySeconds: 2, expireInSeconds: 120 };

/** One job per portal per delivered batch: the inbox ids it stored (processing reads the rows). */
export interface WebhookProcessJob {
  portalId: number;
  ids: number[];
}

export interface IntakeResult {
  received: number;
  stored: number;
  duplicates: number;
  /** Events of portals that are not installed: acknowledged and dropped. */
  dropped: number;
  droppedPortals: number[];
}

function compareKeys(a: WebhookEvent, b: WebhookEvent): number {
  return a.portalId - b.portalId || a.subscriptionId - b.subscriptionId || a.eventId - b.eventId || a.occurredAt - b.occurredAt;
}

/**
 * Stores a parsed batch in ONE transaction: inbox rows deduplicated by the unique key
 * (portal, subscription, event, occurredAt) with ON CONFLICT DO NOTHING, plus the processing jobs
 * (outbox): either the events and their jobs exist, or nothing does and HubSpot retries.
 * Rows are inserted in key order so two concurrent deliveries of overlapping (shuffled) batches
 * take the unique-index locks in the same order and cannot deadlock.
 */
export async function storeWebhookBatch(db: Kysely<DatabaseSchema>, jobs: JobQueue, events: WebhookEvent[]): Promise<IntakeResult> {
  const portalIds = [...new Set(events.map((e) => e.portalId))];
  return db.transaction().execute(async (trx) => {
    const installed = await trx
      .selectFrom('portals')
      .select('portal_id')
      .where('portal_id', 'in', portalIds)
      .where('status', '=', 'installed')
      .execute();
    const installedSet = new Set(installed.map((row) => Number(row.portal_id)));
    const accepted = events.filter((e) => installedSet.has(e.portalId)).sort(compareKeys);
    const droppedPortals = portalIds.filter((id) => !installedSet.has(id));
    const result: IntakeResult = { received: events.length, stored: 0, duplicates: 0, dropped: events.length - accepted.length, droppedPortals };
    if (accepted.length === 0) return result;

    const rows = accepted.map((event) => {
      const key = objectKeyOf(event);
      return {
        portal_id: event.portalId,
        subscription_id: event.subscriptionId,
        event_id: event.eventId,
        occurred_at: event.occurredAt,
        subscription_type: event.subscriptionType,
        object_type_id: key.objectTypeId,
        object_id: key.objectId,
        payload: JSON.stringify(event),
      };
    });
    const inserted = await trx
      .insertInto('webhook_inbox')
      .values(rows)
      .onConflict((oc) => oc.columns(['portal_id', 'subscription_id', 'event_id', 'occurred_at']).doNothing())
      .returning(['id', 'portal_id'])
      .execute();
    result.stored = inserted.length;
    result.duplicates = accepted.length - inserted.length;

    const idsByPortal = new Map<number, number[]>();
    for (const row of inserted) {
      const portalId = Number(row.portal_id);
      const ids = idsByPortal.get(portalId) ?? [];
      ids.push(Number(row.id));
      idsByPortal.set(portalId, ids);
    }
    for (const [portalId, ids] of idsByPortal) {
      await jobs.send<WebhookProcessJob>(WEBHOOK_PROCESS_QUEUE, { portalId, ids }, { trx });
    }
    return result;
  });
}
