import { z } from 'zod';
import { QuoteStatusSchema } from './card-api-schemas.ts';

/** The approvals card API (docs/approvals.md "API"): shared by the backend routes and the cards. */
export const ApproverViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: z.number().int() }),
  z.object({ kind: z.literal('role'), role: z.enum(['approver', 'admin']) }),
]);

export const ApprovalPreviewSchema = z.object({
  quoteId: z.string(),
  status: QuoteStatusSchema,
  revision: z.number().int(),
  needsApproval: z.boolean(),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      name: z.string(),
      level: z.number().int(),
      approvers: z.array(ApproverViewSchema),
      alreadyApproved: z.boolean(),
    }),
  ),
});

export const SubmitInputSchema = z.strictObject({ expectedRevision: z.number().int().positive().optional() });

export const SubmitResponseSchema = z.object({
  quoteId: z.string(),
  status: QuoteStatusSchema,
  revision: z.number().int(),
  requestId: z.string().nullable(),
});

export const DecisionInputSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.comment !== undefined && d.comment.length > 0), {
    path: ['comment'],
    message: 'a rejection needs a comment for the rep',
  });

export const DecisionResponseSchema = z.object({
  requestId: z.string(),
  outcome: z.enum(['pending', 'approved', 'rejected']),
  quoteStatus: QuoteStatusSchema,
  decidedRules: z.array(z.string()),
});

export const PendingApprovalsSchema = z.object({
  items: z.array(
    z.object({
      requestId: z.string(),
      quoteId: z.string(),
      dealId: z.string(),
      quoteTitle: z.string(),
      currency: z.string(),
      netTotal: z.string(),
      submittedBy: z.number().int().nullable(),
      submittedAt: z.string(),
      rules: z.array(z.object({ ruleId: z.string(), name: z.string(), level: z.number().int() })),
    }),
  ),
});

export const QuoteApprovalSchema = z.object({
  request: z
    .object({
      id: z.string(),
      state: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
      currentLevel: z.number().int().nullable(),
      submittedAt: z.string(),
      rules: z.array(
        z.object({
          ruleId: z.string(),
          name: z.string(),
          level: z.number().int(),
          approvers: z.array(ApproverViewSchema),
        }),
      ),
      decisions: z.array(
        z.object({
          ruleId: z.string(),
          userId: z.number().int(),
          decision: z.enum(['approve', 'reject']),
          comment: z.string().nullable(),
          decidedAt: z.string(),
        }),
      ),
    })
    .nullable(),
});

export const BuyerLinkResponseSchema = z.object({
  quoteId: z.string(),
  status: QuoteStatusSchema,
  url: z.string(),
  expiresOn: z.string(),
  documentSha256: z.string(),
});

export type ApprovalPreview = z.infer<typeof ApprovalPreviewSchema>;
export type SubmitResponse = z.infer<typeof SubmitResponseSchema>;
export type DecisionResponse = z.infer<typeof DecisionResponseSchema>;
export type PendingApprovals = z.infer<typeof PendingApprovalsSchema>;
export type QuoteApproval = z.infer<typeof QuoteApprovalSchema>;
export type BuyerLinkResponse = z.infer<typeof BuyerLinkResponseSchema>;
