import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../../kernel/db/portal-id.ts';
import { AppError } from '../../../kernel/errors/app-error.ts';
import type { DomainEvents } from '../../../kernel/jobs/domain-events.ts';
import type { DomainEventPayload } from '../../../kernel/jobs/domain-event-payloads.ts';
import type { JobQueue } from '../../../kernel/jobs/job-queue.ts';
import { applyQuoteStatusEvent, isOpenForBuyer, loadQuote, type QuoteRecord } from '../../quotes/index.ts';
import { recordAudit } from '../../tenancy/index.ts';
import { APPROVALS_ERROR_CODES as CODES } from '../approvals-error-codes.ts';
import { DOCUMENT_RENDER_QUEUE, renderQuoteHtml, type DocumentJob } from '../documents/document-service.ts';

type Db = Kysely<DatabaseSchema>;

/** Queue of the job that moves the deal to its won stage after an acceptance commits. */
export const DEAL_STAGE_QUEUE = 'approvals.deal-accepted-stage';
export interface DealStageJob {
  portalId: number;
  dealId: string;
  quoteId: string;
}

/** 256 random bits, base64url: 43 characters. Only its SHA-256 is stored. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const tokenSha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export function todayIso(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

export interface BuyerLinkDeps {
  db: Db;
  jobs: Pick<JobQueue, 'send'>;
  events: Pick<DomainEvents, 'publish'>;
  now: () => number;
  publicBaseUrl: string;
}

export interface BuyerEvidence {
  ip: string;
  userAgent: string;
}

export type BuyerForm =
  | { decision: 'accepted'; fullName: string; title: string; documentSha256: string }
  | { decision: 'declined'; reason: string; documentSha256: string };

/** What a token opens: a live quote, a quote the buyer already answered, or nothing (all alike). */
export type ResolvedLink =
  | { state: 'open'; portalId: PortalId; linkId: string; quote: QuoteRecord }
  | {
      state: 'answered';
      portalId: PortalId;
      linkId: string;
      quote: QuoteRecord;
      response: { decision: 'accepted' | 'declined'; fullName: string | null; title: string | null; decidedAt: string };
    }
  | { state: 'invalid' };

const INVALID = { state: 'invalid' } as const;

export function createBuyerLinkService(deps: BuyerLinkDeps) {
  async function revokeLinks(trx: Db, portalId: PortalId, quoteId: string, reason: string): Promise<number> {
    const result = await trx
      .updateTable('buyer_links')
      .set({ revoked_at: new Date(), revoked_reason: reason })
      .where('portal_id', '=', portalId)
      .where('quote_id', '=', quoteId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async function responseOf(db: Db, portalId: PortalId, linkId: string) {
    return db
      .selectFrom('buyer_responses')
      .select(['decision', 'full_name', 'title', 'decided_at', 'document_sha256'])
      .where('portal_id', '=', portalId)
      .where('link_id', '=', linkId)
      .executeTakeFirst();
  }

  async function resolveIn(db: Db, token: string, lock: boolean): Promise<ResolvedLink> {
    if (!TOKEN_PATTERN.test(token)) return INVALID;
    const hash = tokenSha256(token);
    const index = await db
      .selectFrom('buyer_link_tokens')
      .select(['portal_id', 'link_id'])
      .where('token_sha256', '=', hash)
      .executeTakeFirst();
    if (!index) return INVALID;
    const portalId = toPortalId(Number(index.portal_id));
    const link = await db
      .selectFrom('buyer_links')
      .selectAll()
      .where('portal_id', '=', portalId)
      .where('id', '=', index.link_id)
      .$if(lock, (qb) => qb.forUpdate())
      .executeTakeFirst();
    if (!link || link.token_sha256 !== hash) return INVALID;
    const quote = await loadQuote(db, portalId, link.quote_id).catch(() => null);
    if (!quote) return INVALID;
    const response = await responseOf(db, portalId, link.id);
    if (response)
      return {
        state: 'answered',
        portalId,
        linkId: link.id,
        quote,
        response: {
          decision: response.decision,
          fullName: response.full_name,
          title: response.title,
          decidedAt: new Date(response.decided_at).toISOString(),
        },
      };
    const today = todayIso(deps.now());
    const live =
      link.revoked_at === null &&
      quote.revision === link.quote_revision &&
      today <= link.expires_on &&
      isOpenForBuyer(quote.status, today, quote.expirationDate);
    return live ? { state: 'open', portalId, linkId: link.id, quote } : INVALID;
  }

  return {
    /** Presents an approved quote: a new link (older ones superseded), the PDF render job, audit. */
    async present(portalId: PortalId, userId: number | null, quoteId: string, expectedRevision?: number) {
      const token = randomBytes(32).toString('base64url');
      return deps.db.transaction().execute(async (trx) => {
        const quote = await loadQuote(trx, portalId, quoteId, { lock: true });
        const change = await applyQuoteStatusEvent(deps, trx, portalId, quoteId, {
          event: { type: 'present', today: todayIso(deps.now()), expirationDate: quote.expirationDate },
          actor: { kind: 'user', userId },
          ...(expectedRevision === undefined ? {} : { expectedRevision }),
        });
        const superseded = await revokeLinks(trx, portalId, quoteId, 'superseded');
        const { sha256 } = await renderQuoteHtml(trx, portalId, change.quote);
        const linkId = randomUUID();
        await trx
          .insertInto('buyer_links')
          .values({
            id: linkId,
            portal_id: portalId,
            quote_id: quoteId,
            deal_id: quote.dealId,
            quote_revision: change.quote.revision,
            token_sha256: tokenSha256(token),
            expires_on: quote.expirationDate,
            document_sha256: sha256,
            created_by: userId,
          })
          .execute();
        await trx
          .insertInto('buyer_link_tokens')
          .values({ token_sha256: tokenSha256(token), portal_id: portalId, link_id: linkId })
          .execute();
        await recordAudit(trx, portalId, {
          actorKind: userId === null ? 'system' : 'user',
          actorUserId: userId,
          action: 'buyer-link.created',
          entityType: 'quote',
          entityId: quoteId,
          details: { linkId, expiresOn: quote.expirationDate, documentSha256: sha256, superseded },
        });
        await deps.jobs.send<DocumentJob>(
          DOCUMENT_RENDER_QUEUE,
          { portalId, quoteId, revision: change.quote.revision },
          { trx, singletonKey: `${portalId}:${quoteId}:${change.quote.revision}` },
        );
        return {
          quoteId,
          status: change.quote.status,
          url: `${deps.publicBaseUrl.replace(/\/$/, '')}/q/${token}`,
          expiresOn: quote.expirationDate,
          documentSha256: sha256,
        };
      });
    },

    async revoke(portalId: PortalId, userId: number | null, quoteId: string) {
      return deps.db.transaction().execute(async (trx) => {
        await loadQuote(trx, portalId, quoteId, { lock: true });
        const revoked = await revokeLinks(trx, portalId, quoteId, 'revoked');
        await recordAudit(trx, portalId, {
          actorKind: userId === null ? 'system' : 'user',
          actorUserId: userId,
          action: 'buyer-link.revoked',
          entityType: 'quote',
          entityId: quoteId,
          details: { revoked },
        });
        return { revoked };
      });
    },

    resolve(token: string): Promise<ResolvedLink> {
      return resolveIn(deps.db, token, false);
    },

    /**
     * The buyer's answer. Idempotent: a second submit (double click, retry) finds the first answer
     * and changes nothing. Accepting publishes `quote.accepted` and queues the deal-stage job in the
     * same transaction, so both exist iff the acceptance committed.
     */
    async respond(token: string, form: BuyerForm, evidence: BuyerEvidence): Promise<ResolvedLink> {
      return deps.db.transaction().execute(async (trx) => {
        const resolved = await resolveIn(trx, token, true);
        if (resolved.state !== 'open') return resolved;
        const { portalId, quote, linkId } = resolved;
        const { sha256 } = await renderQuoteHtml(trx, portalId, quote);
        if (sha256 !== form.documentSha256)
          throw new AppError('conflict', CODES.BUYER_FORM_INVALID, 'The quote changed since the page was opened', {
            issues: [{ path: 'documentSha256', message: 'reload the page and review the quote again' }],
          });
        const decidedAt = new Date(deps.now());
        const change = await applyQuoteStatusEvent(deps, trx, portalId, quote.id, {
          event:
            form.decision === 'accepted'
              ? { type: 'accept', today: todayIso(deps.now()), expirationDate: quote.expirationDate }
              : { type: 'decline' },
          actor: { kind: 'buyer', userId: null },
          expectedRevision: quote.revision,
          details: {
            linkId,
            documentSha256: sha256,
            ip: evidence.ip,
            userAgent: evidence.userAgent,
            ...(form.decision === 'accepted'
              ? { fullName: form.fullName, title: form.title }
              : { reason: form.reason }),
          },
        });
        await trx
          .insertInto('buyer_responses')
          .values({
            portal_id: portalId,
            link_id: linkId,
            quote_id: quote.id,
            decision: form.decision,
            full_name: form.decision === 'accepted' ? form.fullName : null,
            title: form.decision === 'accepted' ? form.title : null,
            reason: form.decision === 'declined' ? form.reason : null,
            ip: evidence.ip,
            user_agent: evidence.userAgent,
            document_sha256: sha256,
            decided_at: decidedAt,
          })
          .execute();
        if (form.decision === 'accepted') {
          const payload: DomainEventPayload<'quote.accepted'> = {
            portalId,
            quoteId: quote.id,
            dealId: quote.dealId,
            acceptedAt: decidedAt.toISOString(),
          };
          await deps.events.publish('quote.accepted', payload, { trx });
          await deps.jobs.send<DealStageJob>(
            DEAL_STAGE_QUEUE,
            { portalId, dealId: quote.dealId, quoteId: quote.id },
            { trx, singletonKey: `${portalId}:${quote.id}` },
          );
        }
        return {
          state: 'answered',
          portalId,
          linkId,
          quote: change.quote,
          response: {
            decision: form.decision,
            fullName: form.decision === 'accepted' ? form.fullName : null,
            title: form.decision === 'accepted' ? form.title : null,
            decidedAt: decidedAt.toISOString(),
          },
        };
      });
    },
  };
}

export type BuyerLinkService = ReturnType<typeof createBuyerLinkService>;
