import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';
import type { Logger } from '../../../kernel/logging/logger.ts';
import { eventKind, type HandlerResult, type WebhookEventHandler } from './webhook-event-handlers.ts';
import { WebhookEventSchema, type WebhookEvent } from './webhook-event-schema.ts';
import type { WebhookProcessJob } from './webhook-intake.ts';
import type { WebhookPorts } from './webhook-ports.ts';
import { createReadAhead, isHubSpotReadNeeded, type HubSpotReadNeeded, type ReadAhead } from './hubspot-read-ahead.ts';

export interface WebhookProcessorOptions {
  db: Kysely<DatabaseSchema>;
  /**
   * Ports bound to the processing transaction. HubSpot reads go through `ahead`
   * (hubspot-read-ahead.ts): inside the transaction they only answer from values loaded before it.
   */
  portsFor: (trx: Kysely<DatabaseSchema>, ahead: ReadAhead) => WebhookPorts;
  /** Applies one event (src/main/webhook-wiring.ts binds the modules' handlers). */
  handle: WebhookEventHandler;
  appId: number | undefined;
  logger: Logger;
  /** Failed attempts after which an event is dead-lettered (status `failed`). */
  maxAttempts: number;
  /** Runs before each object's transactions, outside them. */
  beforeObject?: (portalId: PortalId) => Promise<void>;
}

/** Transactions per object and job before the rest waits for the next attempt (each loads one more HubSpot value). */
const MAX_READ_ROUNDS = 25;

/** What one transaction over an object's pending events ended with. */
interface RoundResult {
  summary: ProcessSummary;
  /** A HubSpot value the event `row` needs: loaded after the commit, then the object runs again. */
  needed?: { read: HubSpotReadNeeded; id: number; attempts: number; remaining: number };
}

export interface ProcessSummary {
  processed: number;
  /** Events left pending after a failure that will be retried. */
  retrying: number;
}

type ObjectKey = { kind: 'object'; objectTypeId: string; objectId: string } | { kind: 'single'; id: number };

/** Which piece of an object's state an event sets: newer events of the same aspect win. */
export function aspectOf(event: WebhookEvent): string {
  const kind = eventKind(event);
  if (kind === 'propertyChange') return `property:${event.propertyName ?? ''}`;
  if (kind === 'associationChange') return `association:${event.associationType ?? ''}:${event.toObjectId ?? ''}`;
  if (kind === 'deletion') return 'deleted';
  return 'lifecycle';
}

/**
 * The aspects whose watermarks make an event stale. A property/association change is stale when
 * a newer change of the same aspect, or a newer deletion, was applied. A lifecycle event
 * (creation, deletion, merge, restore) is stale when anything newer was applied to the object:
 * in occurredAt order a later change would have come after it (and, for products, recreated the
 * catalog entry), so applying the older deletion now would lose that newer state.
 */
function staleningAspects(aspect: string): string[] | 'all' {
  if (aspect === 'deleted' || aspect === 'lifecycle') return 'all';
  return [aspect, 'deleted'];
}

/**
 * Processes stored events per object in occurredAt order (HubSpot docs "Webhooks API": no ordering
 * guarantee). Per object: an advisory transaction lock serialises workers, pending rows are read
 * in (occurredAt, eventId) order, and each event is applied in a savepoint together with its
 * status and watermark, so a crash anywhere leaves either the whole effect or none of it. An event
 * older than the watermarks of staleningAspects() is stale: a late older event never overwrites
 * newer state.
 */
export function createWebhookProcessor(options: WebhookProcessorOptions) {
  const { db, logger, maxAttempts } = options;

  async function watermark(
    trx: Kysely<DatabaseSchema>,
    portalId: PortalId,
    typeId: string,
    objectId: string,
    aspects: string[] | 'all',
  ): Promise<number> {
    let query = trx
      .selectFrom('webhook_watermarks')
      .select('occurred_at')
      .where('portal_id', '=', portalId)
      .where('object_type_id', '=', typeId)
      .where('object_id', '=', objectId);
    if (aspects !== 'all') query = query.where('aspect', 'in', aspects);
    const rows = await query.execute();
    return Math.max(-1, ...rows.map((r) => Number(r.occurred_at)));
  }

  async function apply(
    trx: Kysely<DatabaseSchema>,
    portalId: PortalId,
    id: number,
    event: WebhookEvent,
    key: ObjectKey,
    ahead: ReadAhead,
  ): Promise<HandlerResult> {
    if (key.kind === 'object') {
      const aspect = aspectOf(event);
      const newest = await watermark(trx, portalId, key.objectTypeId, key.objectId, staleningAspects(aspect));
      if (event.occurredAt < newest) return { status: 'ignored', outcome: 'stale' };
      const result = await options.handle(
        event,
        { portalId, inboxId: id, appId: options.appId },
        options.portsFor(trx, ahead),
      );
      // Own writes move the watermark too: they are newer state of that aspect (the app's own), so
      // a user's older change arriving after them is stale, not a divergence.
      await trx
        .insertInto('webhook_watermarks')
        .values({
          portal_id: portalId,
          object_type_id: key.objectTypeId,
          object_id: key.objectId,
          aspect,
          occurred_at: event.occurredAt,
          event_id: sql<number>`${event.eventId}::bigint`,
        })
        .onConflict((oc) =>
          oc.columns(['portal_id', 'object_type_id', 'object_id', 'aspect']).doUpdateSet({
            occurred_at: sql<number>`greatest(webhook_watermarks.occurred_at, excluded.occurred_at)`,
            event_id: sql<number>`excluded.event_id`,
          }),
        )
        .execute();
      return result;
    }
    return options.handle(event, { portalId, inboxId: id, appId: options.appId }, options.portsFor(trx, ahead));
  }

  /** Records a failed attempt; `dead` after maxAttempts. Returns whether the event stays pending. */
  async function recordFailure(
    executor: Kysely<DatabaseSchema>,
    portalId: PortalId,
    id: number,
    attempts: number,
    message: string,
    forceDead: boolean,
  ): Promise<boolean> {
    const dead = attempts >= maxAttempts || forceDead;
    await executor
      .updateTable('webhook_inbox')
      .set({
        status: dead ? 'failed' : 'pending',
        outcome: dead ? 'dead-letter' : null,
        attempts,
        last_error: message.slice(0, 2000),
      })
      .where('portal_id', '=', portalId)
      .where('id', '=', id)
      .execute();
    logger.warn({ portalId, inboxId: id, attempts, dead, err: message }, 'webhook event failed');
    return !dead;
  }

  /**
   * Applies every pending event of one object; returns how many are left pending for a retry.
   * HubSpot is never called inside the transaction: when an event needs a HubSpot value that is
   * not loaded yet, that event is rolled back, the transaction commits what came before it, the
   * value is loaded with no transaction open, and the object runs again.
   */
  async function processObject(portalId: PortalId, key: ObjectKey): Promise<ProcessSummary> {
    await options.beforeObject?.(portalId);
    const ahead = createReadAhead();
    const total: ProcessSummary = { processed: 0, retrying: 0 };
    for (let round = 0; round < MAX_READ_ROUNDS; round += 1) {
      const { summary, needed } = await db.transaction().execute((trx) => runPending(trx, portalId, key, ahead));
      total.processed += summary.processed;
      if (!needed) {
        total.retrying = summary.retrying;
        return total;
      }
      try {
        await needed.read.load();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (await recordFailure(db, portalId, needed.id, needed.attempts + 1, message, false)) {
          // Later events of this object wait: applying them first would make this one stale.
          total.retrying = needed.remaining;
          return total;
        }
      }
    }
    total.retrying = 1;
    return total;
  }

  async function runPending(
    trx: Kysely<DatabaseSchema>,
    portalId: PortalId,
    key: ObjectKey,
    ahead: ReadAhead,
  ): Promise<RoundResult> {
    let query = trx
      .selectFrom('webhook_inbox')
      .select(['id', 'payload', 'attempts'])
      .where('portal_id', '=', portalId)
      .where('status', '=', 'pending');
    if (key.kind === 'object') {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`${portalId}:${key.objectTypeId}:${key.objectId}`}, 0))`.execute(
        trx,
      );
      query = query.where('object_type_id', '=', key.objectTypeId).where('object_id', '=', key.objectId);
    } else {
      query = query.where('id', '=', key.id);
    }
    const rows = await query.orderBy('occurred_at').orderBy('event_id').orderBy('id').execute();
    const summary: ProcessSummary = { processed: 0, retrying: 0 };
    for (const [index, row] of rows.entries()) {
      const id = Number(row.id);
      const parsed = WebhookEventSchema.safeParse(row.payload);
      await sql`savepoint webhook_event`.execute(trx);
      try {
        if (!parsed.success) throw new Error(`stored payload does not parse: ${parsed.error.issues[0]?.message ?? ''}`);
        const result = await apply(trx, portalId, id, parsed.data, key, ahead);
        await trx
          .updateTable('webhook_inbox')
          .set({
            status: result.status,
            outcome: result.outcome,
            attempts: row.attempts + 1,
            last_error: null,
            processed_at: new Date(),
          })
          .where('portal_id', '=', portalId)
          .where('id', '=', id)
          .execute();
        await sql`release savepoint webhook_event`.execute(trx);
        summary.processed += 1;
      } catch (error) {
        await sql`rollback to savepoint webhook_event`.execute(trx);
        if (isHubSpotReadNeeded(error)) {
          return { summary, needed: { read: error, id, attempts: row.attempts, remaining: rows.length - index } };
        }
        const message = error instanceof Error ? error.message : String(error);
        if (await recordFailure(trx, portalId, id, row.attempts + 1, message, !parsed.success)) {
          // Later events of this object wait: applying them first would make this one stale.
          summary.retrying = rows.length - index;
          break;
        }
      }
    }
    return { summary };
  }

  return {
    processObject,
    /** A `webhooks.process` job; throws (so pg-boss retries later) while events are left pending. */
    async processJob(job: WebhookProcessJob): Promise<ProcessSummary> {
      const portalId = job.portalId as PortalId;
      if (job.ids.length === 0) return { processed: 0, retrying: 0 };
      const rows = await db
        .selectFrom('webhook_inbox')
        .select(['id', 'object_type_id', 'object_id'])
        .where('portal_id', '=', portalId)
        .where('id', 'in', job.ids)
        .where('status', '=', 'pending')
        .execute();
      const keys = new Map<string, ObjectKey>();
      for (const row of rows) {
        if (row.object_type_id !== null && row.object_id !== null) {
          keys.set(`${row.object_type_id}:${row.object_id}`, {
            kind: 'object',
            objectTypeId: row.object_type_id,
            objectId: row.object_id,
          });
        } else {
          keys.set(`#${row.id}`, { kind: 'single', id: Number(row.id) });
        }
      }
      const total: ProcessSummary = { processed: 0, retrying: 0 };
      for (const key of keys.values()) {
        const summary = await processObject(portalId, key);
        total.processed += summary.processed;
        total.retrying += summary.retrying;
      }
      if (total.retrying > 0)
        throw new Error(`${total.retrying} webhook events of portal ${portalId} left pending for retry`);
      return total;
    },
  };
}

export type WebhookProcessor = ReturnType<typeof createWebhookProcessor>;
