import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { JobQueue, QueueDefinition } from '../../../kernel/jobs/job-queue.ts';
import { objectKeyOf, type WebhookEvent } from './webhook-event-schema.ts';
import { rejectedEventPayload, unstorableReason } from './storable-text.ts';

export const WEBHOOK_PROCESS_QUEUE = 'webhooks.process';

/**
 * Retries with backoff; the inbox row's own attempt count decides the dead letter (5 failures).
 * A job of a SIGKILLed worker is failed by pg-boss after expireInSeconds (checked every
 * SUPERVISE_INTERVAL_SECONDS) and retried after retryDelaySeconds: recovered within about
 * 30 + 10 + 2 = 42 s. A live job running past 30 s (HubSpot slow) is retried alongside it, which
 * is safe: processing takes a per-object lock and applies only events still pending.
 */
export const WEBHOOK_PROCESS_QUEUE_DEFINITION: QueueDefinition = {
  name: WEBHOOK_PROCESS_QUEUE,
  retryLimit: 8,
  retryDelaySeconds: 2,
  expireInSeconds: 30,
};

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
  /** Events stored as `failed`/`rejected` (text PostgreSQL cannot hold), not processed. */
  rejected: number;
}

/** eventId is decimal text (ids beyond 2^53 exist): compared by length, then digits. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function compareKeys(a: WebhookEvent, b: WebhookEvent): number {
  return (
    a.portalId - b.portalId ||
    a.subscriptionId - b.subscriptionId ||
    compareIds(a.eventId, b.eventId) ||
    a.occurredAt - b.occurredAt
  );
}

/**
 * Stores a parsed batch in ONE transaction: inbox rows deduplicated by the unique key
 * (portal, subscription, event, occurredAt) with ON CONFLICT DO NOTHING, plus the processing jobs
 * (outbox): either the events and their jobs exist, or nothing does and HubSpot retries.
 * Rows are inserted in key order so two concurrent deliveries of overlapping (shuffled) batches
 * take the unique-index locks in the same order and cannot deadlock. An event with text the
 * database cannot store (storable-text.ts) is stored as `failed` with outcome `rejected`, its
 * identifying fields and the reason, so one poison event never costs the other 99.
 */
export async function storeWebhookBatch(
  db: Kysely<DatabaseSchema>,
  jobs: JobQueue,
  events: WebhookEvent[],
): Promise<IntakeResult> {
  const portalIds = [...new Set(events.map((e) => e.portalId))];
  const sorted = [...events].sort(compareKeys);
  const reasons = sorted.map((event) => unstorableReason(event) ?? null);
  const stored = sorted.map((event, i) => {
    const reason = reasons[i];
    return reason ? rejectedEventPayload(event, reason) : event;
  });
  const keys = sorted.map((event, i) => (reasons[i] ? { objectTypeId: null, objectId: null } : objectKeyOf(event)));
  const typeIds = keys.map((key) => key.objectTypeId);
  const objectIds = keys.map((key) => key.objectId);
  return db.transaction().execute(async (trx) => {
    // One statement (one round trip, one parameter): which portals are installed, and the insert
    // of the batch's rows of those portals. Raw SQL is outside the tenant guard's view; every row
    // carries the portal id of its own signed event and is filtered by the portals table.
    const {
      rows: [outcome],
    } = await sql<{ installed: number[] | null; inserted: Array<[number, number, boolean]> | null }>`
      with installed as (
        select portal_id from portals where portal_id = any(${portalIds}::bigint[]) and status = 'installed'
      ), inserted as (
        insert into webhook_inbox (portal_id, subscription_id, event_id, occurred_at, subscription_type, object_type_id, object_id, payload,
                                   status, outcome, last_error)
        select (e.ev->>'portalId')::bigint, (e.ev->>'subscriptionId')::bigint, (e.ev->>'eventId')::bigint, (e.ev->>'occurredAt')::bigint,
               coalesce(e.ev->>'subscriptionType', 'unknown'), k.type_id, k.object_id, e.ev,
               case when k.reason is null then 'pending' else 'failed' end,
               case when k.reason is null then null else 'rejected' end,
               k.reason
        from jsonb_array_elements(${JSON.stringify(stored)}::jsonb) with ordinality as e(ev, ord)
        join unnest(${typeIds}::text[], ${objectIds}::text[], ${reasons}::text[]) with ordinality as k(type_id, object_id, reason, ord) on k.ord = e.ord
        where (e.ev->>'portalId')::bigint in (select portal_id from installed)
        order by e.ord
        on conflict (portal_id, subscription_id, event_id, occurred_at) do nothing
        returning id, portal_id, status = 'pending' as pending
      )
      select (select json_agg(portal_id) from installed) as installed,
             (select json_agg(json_build_array(id, portal_id, pending)) from inserted) as inserted`.execute(trx);
    const installedSet = new Set((outcome?.installed ?? []).map(Number));
    const accepted = events.filter((e) => installedSet.has(e.portalId)).length;
    const inserted = outcome?.inserted ?? [];
    const droppedPortals = portalIds.filter((id) => !installedSet.has(id));
    const result: IntakeResult = {
      received: events.length,
      stored: inserted.length,
      duplicates: accepted - inserted.length,
      dropped: events.length - accepted,
      droppedPortals,
      rejected: inserted.filter(([, , pending]) => !pending).length,
    };
    const idsByPortal = new Map<number, number[]>();
    for (const [id, portal, pending] of inserted) {
      if (!pending) continue;
      const portalId = Number(portal);
      const ids = idsByPortal.get(portalId) ?? [];
      ids.push(Number(id));
      idsByPortal.set(portalId, ids);
    }
    for (const [portalId, ids] of idsByPortal) {
      await jobs.send<WebhookProcessJob>(WEBHOOK_PROCESS_QUEUE, { portalId, ids }, { trx });
    }
    return result;
  });
}
