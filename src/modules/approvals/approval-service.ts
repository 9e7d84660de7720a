import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { JobQueue } from '../../kernel/jobs/job-queue.ts';
import {
  EnvelopeEntrySchema,
  applyQuoteStatusEvent,
  computeQuoteFacts,
  loadQuote,
  productFactsFor,
  type QuoteRecord,
} from '../quotes/index.ts';
import { recordAudit } from '../tenancy/index.ts';
import { APPROVALS_ERROR_CODES as CODES } from './approvals-error-codes.ts';
import { approvalRulesRepository } from './approval-rules-repository.ts';
import { ApproverSchema, type ApprovalRule } from './domain/approval-rule-schema.ts';
import { approvalEnvelope, compileRules, evaluateRules, type PriorApproval } from './domain/approval-rules-engine.ts';
import { chainState, rulesDecidableBy, type ChainActor, type ChainDecision } from './domain/approval-chain.ts';

type Db = Kysely<DatabaseSchema>;

/** Queue of the job that creates/completes HubSpot tasks for approvers (approval-task-job.ts). */
export const APPROVAL_TASKS_QUEUE = 'approvals.hubspot-tasks';

const StoredChainRuleSchema = z.object({
  ruleId: z.string(),
  name: z.string(),
  level: z.number().int(),
  approvers: z.array(ApproverSchema),
  entries: z.array(EnvelopeEntrySchema),
});
const StoredChainSchema = z.array(StoredChainRuleSchema);
type StoredChainRule = z.infer<typeof StoredChainRuleSchema>;

export interface ApprovalServiceDeps {
  db: Db;
  jobs: Pick<JobQueue, 'send'>;
  newId?: () => string;
}

export interface Actor extends ChainActor {
  portalId: PortalId;
}

async function factsOf(db: Db, portalId: PortalId, quote: QuoteRecord) {
  const products = await productFactsFor(
    db,
    portalId,
    quote.priced.lines.map((l) => l.sku),
  );
  return computeQuoteFacts({
    currency: quote.currency,
    termMonths: quote.settings.termMonths,
    priced: quote.priced,
    products,
  });
}

/** Approve decisions already given for this quote, newest per rule (smart approval). */
async function priorApprovals(db: Db, portalId: PortalId, quoteId: string): Promise<PriorApproval[]> {
  const rows = await db
    .selectFrom('approval_decisions')
    .select(['rule_id', 'entries'])
    .where('portal_id', '=', portalId)
    .where('quote_id', '=', quoteId)
    .where('decision', '=', 'approve')
    .orderBy('id', 'desc')
    .execute();
  const byRule = new Map<string, PriorApproval>();
  for (const row of rows)
    if (!byRule.has(row.rule_id))
      byRule.set(row.rule_id, { ruleId: row.rule_id, entries: z.array(EnvelopeEntrySchema).parse(row.entries) });
  return [...byRule.values()];
}

async function evaluate(db: Db, portalId: PortalId, quote: QuoteRecord) {
  const rules: ApprovalRule[] = await approvalRulesRepository.list(db, portalId);
  const compiled = compileRules(rules);
  const facts = await factsOf(db, portalId, quote);
  const evaluation = evaluateRules(compiled, facts, await priorApprovals(db, portalId, quote.id));
  return { evaluation, envelope: approvalEnvelope(compiled, facts) };
}

/**
 * Submitting, deciding and listing approvals. Each command runs load -> authorize -> validate ->
 * one transaction (request/decision rows, the quote's status change with its audit row, the
 * HubSpot task job as outbox); HubSpot is called only by that job, after commit.
 */
export function createApprovalService(deps: ApprovalServiceDeps) {
  const newId = deps.newId ?? (() => randomUUID());

  async function cancelOpenRequests(trx: Db, portalId: PortalId, quoteId: string): Promise<void> {
    await trx
      .updateTable('approval_requests')
      .set({ state: 'cancelled', closed_at: new Date() })
      .where('portal_id', '=', portalId)
      .where('quote_id', '=', quoteId)
      .where('state', '=', 'pending')
      .execute();
  }

  async function decisionsOf(db: Db, portalId: PortalId, requestId: string) {
    return db
      .selectFrom('approval_decisions')
      .select(['rule_id', 'user_id', 'decision', 'comment', 'decided_at'])
      .where('portal_id', '=', portalId)
      .where('request_id', '=', requestId)
      .orderBy('id')
      .execute();
  }

  function chainDecisions(rows: Awaited<ReturnType<typeof decisionsOf>>): ChainDecision[] {
    return rows.map((r) => ({ ruleId: r.rule_id, userId: Number(r.user_id), decision: r.decision }));
  }

  return {
    /** Which rules fire and who must approve, without submitting (the card shows it first). */
    async preview(portalId: PortalId, quoteId: string) {
      const quote = await loadQuote(deps.db, portalId, quoteId);
      const { evaluation } = await evaluate(deps.db, portalId, quote);
      return {
        quoteId,
        status: quote.status,
        revision: quote.revision,
        needsApproval: evaluation.needsApproval,
        rules: evaluation.firing.map((f) => ({
          ruleId: f.ruleId,
          name: f.name,
          level: f.level,
          approvers: f.approvers,
          alreadyApproved: f.alreadyApproved,
        })),
      };
    },

    async submit(actor: Actor, quoteId: string, expectedRevision?: number) {
      const { portalId } = actor;
      return deps.db.transaction().execute(async (trx) => {
        const quote = await loadQuote(trx, portalId, quoteId, { lock: true });
        const { evaluation, envelope } = await evaluate(trx, portalId, quote);
        await cancelOpenRequests(trx, portalId, quoteId);
        const requestId = evaluation.needsApproval ? newId() : null;
        const change = await applyQuoteStatusEvent(deps, trx, portalId, quoteId, {
          event: { type: 'submit', needsApproval: evaluation.needsApproval },
          actor: { kind: 'user', userId: actor.userId },
          ...(expectedRevision === undefined ? {} : { expectedRevision }),
          ...(evaluation.needsApproval ? {} : { envelope }),
          details: {
            requestId,
            rules: evaluation.firing.map((f) => ({ ruleId: f.ruleId, alreadyApproved: f.alreadyApproved })),
          },
        });
        if (requestId !== null) {
          const chain: StoredChainRule[] = evaluation.levels.flatMap((level) =>
            level.rules.map((r) => ({
              ruleId: r.ruleId,
              name: r.name,
              level: r.level,
              approvers: r.approvers,
              entries: r.entries,
            })),
          );
          await trx
            .insertInto('approval_requests')
            .values({
              id: requestId,
              portal_id: portalId,
              quote_id: quoteId,
              deal_id: quote.dealId,
              quote_revision: change.quote.revision,
              state: 'pending',
              rules: JSON.stringify(chain),
              snapshot_sha256: change.snapshotSha256,
              submitted_by: actor.userId,
            })
            .execute();
          await deps.jobs.send(APPROVAL_TASKS_QUEUE, { portalId, requestId }, { trx });
        }
        return { quoteId, status: change.quote.status, revision: change.quote.revision, requestId };
      });
    },

    /** Approve or reject every rule of the current level this approver may decide. */
    async decide(actor: Actor, requestId: string, decision: 'approve' | 'reject', comment: string | null) {
      const { portalId } = actor;
      return deps.db.transaction().execute(async (trx) => {
        const request = await trx
          .selectFrom('approval_requests')
          .selectAll()
          .where('portal_id', '=', portalId)
          .where('id', '=', requestId)
          .forUpdate()
          .executeTakeFirst();
        if (!request || request.state !== 'pending')
          throw new AppError(
            'not-found',
            CODES.APPROVAL_REQUEST_NOT_FOUND,
            `No pending approval request "${requestId}"`,
          );
        const chain = StoredChainSchema.parse(request.rules);
        const decided = chainDecisions(await decisionsOf(trx, portalId, requestId));
        const mine = rulesDecidableBy(chain, decided, actor);
        if (mine.length === 0)
          throw new AppError('forbidden', CODES.APPROVAL_NOT_YOURS, 'Nothing in this request is waiting for you');
        const quote = await loadQuote(trx, portalId, request.quote_id, { lock: true });
        if (quote.revision !== request.quote_revision || quote.status !== 'pending_approval') {
          // Lazily close requests the rep's edit made stale (the quotes module cannot write our rows).
          await cancelOpenRequests(trx, portalId, request.quote_id);
          throw new AppError('conflict', CODES.APPROVAL_REQUEST_STALE, 'The quote changed after it was submitted');
        }
        for (const rule of mine)
          await trx
            .insertInto('approval_decisions')
            .values({
              portal_id: portalId,
              request_id: requestId,
              quote_id: request.quote_id,
              rule_id: rule.ruleId,
              user_id: actor.userId,
              decision,
              comment,
              entries: JSON.stringify(chain.find((c) => c.ruleId === rule.ruleId)?.entries ?? []),
            })
            .execute();
        const after = chainState(chain, [
          ...decided,
          ...mine.map((r) => ({ ruleId: r.ruleId, userId: actor.userId, decision })),
        ]);
        await recordAudit(trx, portalId, {
          actorKind: 'user',
          actorUserId: actor.userId,
          action: `approval.${decision}d`,
          entityType: 'quote',
          entityId: request.quote_id,
          details: { requestId, rules: mine.map((r) => r.ruleId), comment, outcome: after.outcome },
        });
        let status: QuoteRecord['status'] = quote.status;
        if (after.outcome !== 'pending') {
          const { envelope } = await evaluate(trx, portalId, quote);
          const change = await applyQuoteStatusEvent(deps, trx, portalId, request.quote_id, {
            event: { type: after.outcome === 'approved' ? 'approve' : 'reject' },
            actor: { kind: 'user', userId: actor.userId },
            ...(after.outcome === 'approved' ? { envelope } : {}),
            details: { requestId, comment },
          });
          status = change.quote.status;
          await trx
            .updateTable('approval_requests')
            .set({ state: after.outcome, closed_at: new Date() })
            .where('portal_id', '=', portalId)
            .where('id', '=', requestId)
            .execute();
        }
        await deps.jobs.send(APPROVAL_TASKS_QUEUE, { portalId, requestId }, { trx });
        return { requestId, outcome: after.outcome, quoteStatus: status, decidedRules: mine.map((r) => r.ruleId) };
      });
    },

    /** Requests with a rule waiting for this approver now (their level has started). */
    async pendingFor(actor: Actor) {
      const requests = await deps.db
        .selectFrom('approval_requests')
        .selectAll()
        .where('portal_id', '=', actor.portalId)
        .where('state', '=', 'pending')
        .orderBy('submitted_at')
        .limit(500)
        .execute();
      const items = [];
      for (const request of requests) {
        const chain = StoredChainSchema.parse(request.rules);
        const decided = chainDecisions(await decisionsOf(deps.db, actor.portalId, request.id));
        const mine = rulesDecidableBy(chain, decided, actor);
        if (mine.length === 0) continue;
        const quote = await loadQuote(deps.db, actor.portalId, request.quote_id).catch(() => null);
        if (!quote || quote.revision !== request.quote_revision) continue;
        items.push({
          requestId: request.id,
          quoteId: quote.id,
          dealId: request.deal_id,
          quoteTitle: quote.title,
          currency: quote.currency,
          netTotal: quote.priced.totals.netTotal,
          submittedBy: request.submitted_by === null ? null : Number(request.submitted_by),
          submittedAt: new Date(request.submitted_at).toISOString(),
          rules: mine.map((r) => ({ ruleId: r.ruleId, name: r.name, level: r.level })),
        });
      }
      return { items };
    },

    /** The quote's latest request with every decision and comment (the rep sees why it was rejected). */
    async latestForQuote(portalId: PortalId, quoteId: string) {
      const request = await deps.db
        .selectFrom('approval_requests')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('quote_id', '=', quoteId)
        .orderBy('submitted_at', 'desc')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!request) return { request: null };
      const chain = StoredChainSchema.parse(request.rules);
      const decisions = await decisionsOf(deps.db, portalId, request.id);
      const state = chainState(chain, chainDecisions(decisions));
      return {
        request: {
          id: request.id,
          state: request.state,
          currentLevel: request.state === 'pending' ? state.currentLevel : null,
          submittedAt: new Date(request.submitted_at).toISOString(),
          rules: chain.map((r) => ({ ruleId: r.ruleId, name: r.name, level: r.level, approvers: r.approvers })),
          decisions: decisions.map((d) => ({
            ruleId: d.rule_id,
            userId: Number(d.user_id),
            decision: d.decision,
            comment: d.comment,
            decidedAt: new Date(d.decided_at).toISOString(),
          })),
        },
      };
    },

    async getRules(portalId: PortalId) {
      return { rules: await approvalRulesRepository.list(deps.db, portalId) };
    },

    async replaceRules(portalId: PortalId, userId: number | null, rules: readonly ApprovalRule[]) {
      await deps.db.transaction().execute(async (trx) => {
        const before = await approvalRulesRepository.list(trx, portalId);
        await approvalRulesRepository.replace(trx, portalId, rules, userId);
        await recordAudit(trx, portalId, {
          actorKind: userId === null ? 'system' : 'user',
          actorUserId: userId,
          action: 'approval-rules.replaced',
          entityType: 'approval-rules',
          details: { before: before.map((r) => r.id), after: rules.map((r) => r.id) },
        });
      });
      return { rules: [...rules] };
    },
  };
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
