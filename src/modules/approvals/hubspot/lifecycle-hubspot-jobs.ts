import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';
import type { Logger } from '../../../kernel/logging/logger.ts';
import { HubSpotApiError } from '../../../integrations/hubspot/index.ts';
import type { HubSpotClients } from '../../../integrations/hubspot/index.ts';
import { closedWonStageIds, type DealPipeline } from '../../../integrations/hubspot/index.ts';
import { listRoleAssignments } from '../../tenancy/index.ts';
import { ApproverSchema } from '../domain/approval-rule-schema.ts';
import { chainState } from '../domain/approval-chain.ts';

type Db = Kysely<DatabaseSchema>;

/** HubSpot's default association type id task -> deal ("Associations v4: association type ids"). */
const TASK_TO_DEAL_ASSOCIATION = 216;

const ChainSchema = z.array(
  z.object({ ruleId: z.string(), name: z.string(), level: z.number().int(), approvers: z.array(ApproverSchema) }),
);
const CreatedSchema = z.object({ id: z.string() });
const DealSchema = z.object({
  properties: z.object({ pipeline: z.string().nullable().optional(), dealstage: z.string().nullable().optional() }),
});
const PipelinesSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      stages: z.array(
        z.object({
          id: z.string(),
          metadata: z
            .object({
              isClosed: z.union([z.string(), z.boolean()]).optional(),
              probability: z.union([z.string(), z.number()]).optional(),
            })
            .optional(),
        }),
      ),
    }),
  ),
});

function refused(error: unknown): boolean {
  return error instanceof HubSpotApiError && (error.status === 403 || error.status === 401);
}

/**
 * The lifecycle's HubSpot side effects, each run by a job after the change committed (never in a
 * transaction): approver tasks and moving an accepted quote's deal to its won stage. Both are safe
 * to re-run: tasks are keyed per (request, rule, approver) and the stage write is a plain set.
 */
export function createLifecycleHubSpotJobs(deps: {
  db: Db;
  hubspot: HubSpotClients;
  logger: Logger;
  now: () => number;
}) {
  async function approverUserIds(portalId: PortalId, approvers: z.infer<typeof ApproverSchema>[]): Promise<number[]> {
    const ids = new Set<number>();
    const assignments = approvers.some((a) => a.kind === 'role') ? await listRoleAssignments(deps.db, portalId) : [];
    for (const approver of approvers) {
      if (approver.kind === 'user') ids.add(approver.userId);
      else for (const a of assignments) if (a.roles.includes(approver.role)) ids.add(a.userId);
    }
    return [...ids];
  }

  return {
    /** Opens tasks for approvers whose level is current; completes tasks of decided rules. */
    async syncApprovalTasks(portalId: PortalId, requestId: string): Promise<void> {
      const request = await deps.db
        .selectFrom('approval_requests')
        .select(['quote_id', 'deal_id', 'state', 'rules'])
        .where('portal_id', '=', portalId)
        .where('id', '=', requestId)
        .executeTakeFirst();
      if (!request) return;
      const chain = ChainSchema.parse(request.rules);
      const decisions = await deps.db
        .selectFrom('approval_decisions')
        .select(['rule_id', 'user_id', 'decision'])
        .where('portal_id', '=', portalId)
        .where('request_id', '=', requestId)
        .execute();
      const state = chainState(
        chain,
        decisions.map((d) => ({ ruleId: d.rule_id, userId: Number(d.user_id), decision: d.decision })),
      );
      const waiting = request.state === 'pending' ? state.waiting : [];
      const waitingIds = new Set(waiting.map((r) => r.ruleId));
      const tasks = await deps.db
        .selectFrom('approval_tasks')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('request_id', '=', requestId)
        .execute();
      const client = deps.hubspot.forPortal(portalId);
      try {
        for (const task of tasks)
          if (task.state === 'open' && !waitingIds.has(task.rule_id)) {
            await client.request({
              operation: 'tasks.complete',
              method: 'PATCH',
              path: `/crm/v3/objects/tasks/${encodeURIComponent(task.hubspot_task_id)}`,
              body: { properties: { hs_task_status: 'COMPLETED' } },
              idempotent: true,
            });
            await deps.db
              .updateTable('approval_tasks')
              .set({ state: 'completed', updated_at: new Date() })
              .where('portal_id', '=', portalId)
              .where('request_id', '=', requestId)
              .where('rule_id', '=', task.rule_id)
              .where('user_id', '=', task.user_id)
              .execute();
          }
        for (const rule of waiting)
          for (const userId of await approverUserIds(portalId, rule.approvers)) {
            if (tasks.some((t) => t.rule_id === rule.ruleId && Number(t.user_id) === userId)) continue;
            const response = await client.request({
              operation: 'tasks.create',
              method: 'POST',
              path: '/crm/v3/objects/tasks',
              body: {
                properties: {
                  hs_task_subject: `Approve quote: ${rule.name}`,
                  hs_task_body: `Quote ${request.quote_id} needs your approval (rule "${rule.name}", level ${rule.level}).`,
                  hs_timestamp: new Date(deps.now()).toISOString(),
                  hs_task_status: 'NOT_STARTED',
                  hubspot_owner_id: String(userId),
                },
                associations: [
                  {
                    to: { id: request.deal_id },
                    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TASK_TO_DEAL_ASSOCIATION }],
                  },
                ],
              },
              idempotent: false,
            });
            const created = CreatedSchema.parse(response.body);
            await deps.db
              .insertInto('approval_tasks')
              .values({
                portal_id: portalId,
                request_id: requestId,
                rule_id: rule.ruleId,
                user_id: userId,
                hubspot_task_id: created.id,
                state: 'open',
              })
              .onConflict((oc) => oc.columns(['portal_id', 'request_id', 'rule_id', 'user_id']).doNothing())
              .execute();
          }
      } catch (error) {
        if (!refused(error)) throw error;
        // The portal did not grant the tasks scope: approvals work without tasks.
        deps.logger.warn({ portalId, requestId }, 'HubSpot refused the tasks API; approver tasks skipped');
      }
    },

    /** Moves the deal to the configured stage, or its pipeline's closed-won stage, and marks it accepted. */
    async moveAcceptedDeal(portalId: PortalId, dealId: string, quoteId: string): Promise<void> {
      const client = deps.hubspot.forPortal(portalId);
      const settings = await deps.db
        .selectFrom('lifecycle_settings')
        .select('accepted_deal_stage')
        .where('portal_id', '=', portalId)
        .executeTakeFirst();
      const deal = DealSchema.parse(
        (
          await client.request({
            operation: 'deals.read',
            method: 'GET',
            path: `/crm/v3/objects/deals/${encodeURIComponent(dealId)}?properties=pipeline,dealstage`,
          })
        ).body,
      );
      let stage = settings?.accepted_deal_stage ?? null;
      if (stage === null) {
        const pipelines: DealPipeline[] = PipelinesSchema.parse(
          (await client.request({ operation: 'pipelines.read', method: 'GET', path: '/crm/v3/pipelines/deals' })).body,
        ).results;
        const won = [...closedWonStageIds(pipelines, deal.properties.pipeline ?? 'default')];
        stage = won[0] ?? 'closedwon';
      }
      if (deal.properties.dealstage === stage) return;
      await client.request({
        operation: 'deals.update',
        method: 'PATCH',
        path: `/crm/v3/objects/deals/${encodeURIComponent(dealId)}`,
        body: { properties: { dealstage: stage } },
        idempotent: true,
      });
      deps.logger.info({ portalId, dealId, quoteId, stage }, 'accepted quote moved its deal');
    },
  };
}
