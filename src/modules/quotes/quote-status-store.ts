import { recordAudit } from '../tenancy/index.ts';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { JobQueue } from '../../kernel/jobs/job-queue.ts';
import { QUOTE_SYNC_QUEUE, type QuoteSyncJob } from '../../integrations/hubspot/index.ts';
import type { ApprovalEnvelope } from './domain/approval-envelope.ts';
import { transition, type QuoteStatusEvent, type TransitionEffects } from './domain/quote-status.ts';
import type { QuoteRecord } from './quote-record.ts';
import { quoteRepository } from './quote-repository.ts';

type Db = Kysely<DatabaseSchema>;

/** Canonical JSON (keys sorted) so the same snapshot always hashes the same, whatever produced it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the priced snapshot: what the audit trail says was approved, presented, accepted. */
export function snapshotSha256(quote: Pick<QuoteRecord, 'priced' | 'lines' | 'expirationDate' | 'currency'>): string {
  const body = canonicalJson({
    currency: quote.currency,
    expirationDate: quote.expirationDate,
    lines: quote.lines,
    priced: quote.priced,
  });
  return createHash('sha256').update(body).digest('hex');
}

export interface StatusActor {
  kind: 'user' | 'system' | 'buyer';
  userId: number | null;
}

export interface StatusChange {
  event: QuoteStatusEvent;
  actor: StatusActor;
  /** Set the approval envelope (on approve); cleared automatically when the transition says so. */
  envelope?: ApprovalEnvelope;
  /** Refuse when the quote moved on since the caller looked at it. */
  expectedRevision?: number;
  /** Extra audit details (request id, comment, buyer evidence...). Never secrets. */
  details?: Record<string, unknown>;
}

export interface StatusChangeResult {
  quote: QuoteRecord;
  from: QuoteRecord['status'];
  effects: TransitionEffects;
  snapshotSha256: string;
}

const ACTOR_KIND = { user: 'user', system: 'system', buyer: 'system' } as const;

/**
 * Applies one status event to a quote inside the caller's transaction: locks the row, asks the
 * status machine, writes the status (a new revision, so the HubSpot sync sees it), one audit row
 * with the snapshot's SHA-256, and the sync job when the quote is primary (outbox).
 * Refusals are AppErrors (409 `QUOTE_STATUS_CONFLICT`, `QUOTE_EXPIRED`, ...); nothing is written.
 */
export async function applyQuoteStatusEvent(
  deps: { jobs: Pick<JobQueue, 'send'> },
  trx: Db,
  portalId: PortalId,
  quoteId: string,
  change: StatusChange,
): Promise<StatusChangeResult> {
  const quote = await quoteRepository.get(trx, portalId, quoteId, { lock: true });
  if (!quote) throw new AppError('not-found', 'QUOTE_NOT_FOUND', `No quote "${quoteId}" in this portal`);
  if (change.expectedRevision !== undefined && change.expectedRevision !== quote.revision)
    throw new AppError(
      'conflict',
      'QUOTE_REVISION_CONFLICT',
      `Quote changed since revision ${change.expectedRevision} (now ${quote.revision}); reload it`,
    );
  const result = transition(quote.status, change.event);
  if (!result.ok) throw new AppError('conflict', result.code, result.message);
  const revision = quote.revision + 1;
  const envelope = result.effects.clearApproval ? null : change.envelope;
  await trx
    .updateTable('quotes')
    .set({
      status: result.to,
      revision,
      status_changed_at: sql`now()`,
      updated_at: sql`now()`,
      ...(envelope === undefined ? {} : { approval_envelope: envelope === null ? null : JSON.stringify(envelope) }),
    })
    .where('portal_id', '=', portalId)
    .where('id', '=', quoteId)
    .execute();
  const sha = snapshotSha256(quote);
  await recordAudit(trx, portalId, {
    actorKind: ACTOR_KIND[change.actor.kind],
    actorUserId: change.actor.userId,
    action: `quote.${change.event.type}`,
    entityType: 'quote',
    entityId: quoteId,
    details: {
      from: quote.status,
      to: result.to,
      revision,
      snapshotSha256: sha,
      ...(change.actor.kind === 'buyer' ? { actor: 'buyer' } : {}),
      ...change.details,
    },
  });
  if (quote.isPrimary)
    await deps.jobs.send<QuoteSyncJob>(
      QUOTE_SYNC_QUEUE,
      { portalId, quoteId },
      { trx, singletonKey: `${portalId}:${quoteId}` },
    );
  return {
    quote: { ...quote, status: result.to, revision },
    from: quote.status,
    effects: result.effects,
    snapshotSha256: sha,
  };
}

/** The approval envelope stored on the quote (null when none). */
export async function approvalEnvelopeOf(db: Db, portalId: PortalId, quoteId: string): Promise<unknown> {
  const row = await db
    .selectFrom('quotes')
    .select('approval_envelope')
    .where('portal_id', '=', portalId)
    .where('id', '=', quoteId)
    .executeTakeFirst();
  return row?.approval_envelope ?? null;
}

/**
 * Quotes whose expiration date has passed and that are still open, across portals: the daily
 * expiry job's work list. A deliberate cross-portal read by a system job (portal_id named so the
 * tenant guard sees the scope is intentional); each expiry then runs scoped to its portal.
 */
export async function quotesDueForExpiry(
  db: Db,
  today: string,
  limit: number,
): Promise<Array<{ portalId: PortalId; quoteId: string }>> {
  const rows = await db
    .selectFrom('quotes')
    .select(['portal_id', 'id'])
    .where('portal_id', 'is not', null)
    .where('status', 'in', ['draft', 'pending_approval', 'approved', 'rejected', 'presented'])
    .where('archived', '=', false)
    .where('expiration_date', '<', today)
    .orderBy('expiration_date')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ portalId: toPortalId(Number(r.portal_id)), quoteId: r.id }));
}
