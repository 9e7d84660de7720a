import { Router } from 'express';
import type { Kysely } from 'kysely';
import {
  ApprovalPreviewSchema,
  BuyerLinkResponseSchema,
  DecisionInputSchema,
  DecisionResponseSchema,
  PendingApprovalsSchema,
  QuoteApprovalSchema,
  SubmitInputSchema,
  SubmitResponseSchema,
} from '../../../extensions/app/cards/api/approvals-api-schemas.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { requireSignedPortal } from '../../kernel/http/signed-context.ts';
import { requireRole, signedCaller } from '../tenancy/index.ts';
import { APPROVALS_ERROR_CODES as CODES } from './approvals-error-codes.ts';
import type { ApprovalService } from './approval-service.ts';
import type { BuyerLinkService } from './buyer/buyer-link-service.ts';
import type { DocumentService } from './documents/document-service.ts';
import { ApprovalRuleSetSchema } from './domain/approval-rule-schema.ts';

/**
 * The approvals card API under /api/v1 (signed; portal and user from the signed query, roles from
 * the tenancy module). docs/approvals.md "API" lists every route.
 */
export function approvalsRouter(
  db: Kysely<DatabaseSchema>,
  approvals: ApprovalService,
  links: BuyerLinkService,
  documents: DocumentService,
): Router {
  const router = Router();

  router.get('/v1/quotes/:quoteId/approval-preview', async (req, res) => {
    res.json(ApprovalPreviewSchema.parse(await approvals.preview(requireSignedPortal(res), req.params.quoteId)));
  });

  router.post('/v1/quotes/:quoteId/submit', async (req, res) => {
    const input = parseInput(SubmitInputSchema, req.body ?? {}, CODES.APPROVAL_DECISION_INVALID);
    const caller = await signedCaller(db, res);
    res.json(SubmitResponseSchema.parse(await approvals.submit(caller, req.params.quoteId, input.expectedRevision)));
  });

  router.get('/v1/quotes/:quoteId/approval', async (req, res) => {
    res.json(QuoteApprovalSchema.parse(await approvals.latestForQuote(requireSignedPortal(res), req.params.quoteId)));
  });

  router.post('/v1/approval-requests/:requestId/decision', async (req, res) => {
    const input = parseInput(DecisionInputSchema, req.body ?? {}, CODES.APPROVAL_DECISION_INVALID);
    const caller = await signedCaller(db, res);
    const result = await approvals.decide(caller, req.params.requestId, input.decision, input.comment ?? null);
    res.json(DecisionResponseSchema.parse(result));
  });

  router.get('/v1/approvals/pending', async (_req, res) => {
    res.json(PendingApprovalsSchema.parse(await approvals.pendingFor(await signedCaller(db, res))));
  });

  router.get('/v1/approval-rules', async (_req, res) => {
    const caller = await requireRole(db, res, 'admin');
    res.json(await approvals.getRules(caller.portalId));
  });

  router.put('/v1/approval-rules', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    const input = parseInput(ApprovalRuleSetSchema, req.body ?? {}, CODES.APPROVAL_RULES_INVALID);
    res.json(await approvals.replaceRules(caller.portalId, caller.userId, input.rules));
  });

  router.post('/v1/quotes/:quoteId/present', async (req, res) => {
    const input = parseInput(SubmitInputSchema, req.body ?? {}, CODES.BUYER_LINK_INVALID);
    const caller = await signedCaller(db, res);
    const link = await links.present(caller.portalId, caller.userId, req.params.quoteId, input.expectedRevision);
    res.status(201).json(BuyerLinkResponseSchema.parse(link));
  });

  router.post('/v1/quotes/:quoteId/buyer-link/revoke', async (req, res) => {
    const caller = await signedCaller(db, res);
    res.json(await links.revoke(caller.portalId, caller.userId, req.params.quoteId));
  });

  router.get('/v1/document-template', async (_req, res) => {
    const caller = await requireRole(db, res, 'admin');
    res.json(await documents.getSettings(caller.portalId));
  });

  router.put('/v1/document-template', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    res.json(await documents.saveSettings(caller.portalId, caller.userId, req.body ?? {}));
  });

  return router;
}
