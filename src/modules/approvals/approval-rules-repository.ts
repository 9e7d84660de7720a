import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { ApprovalRuleSchema, type ApprovalRule } from './domain/approval-rule-schema.ts';

type Db = Kysely<DatabaseSchema>;

/** A portal's approval rules, in their evaluation order. */
export const approvalRulesRepository = {
  async list(db: Db, portalId: PortalId): Promise<ApprovalRule[]> {
    const rows = await db
      .selectFrom('approval_rules')
      .select(['rule_id', 'rule'])
      .where('portal_id', '=', portalId)
      .orderBy('position')
      .execute();
    return rows.map((row) => {
      const parsed = ApprovalRuleSchema.safeParse(row.rule);
      // Rows are written only after validation; a failure means the table was edited by hand.
      if (!parsed.success)
        throw new AppError('internal', 'APPROVAL_RULE_CORRUPT', `Stored approval rule ${row.rule_id} is invalid`);
      return parsed.data;
    });
  },

  /** Replaces the whole rule set (inside the caller's transaction). */
  async replace(trx: Db, portalId: PortalId, rules: readonly ApprovalRule[], userId: number | null): Promise<void> {
    await trx.deleteFrom('approval_rules').where('portal_id', '=', portalId).execute();
    if (rules.length === 0) return;
    await trx
      .insertInto('approval_rules')
      .values(
        rules.map((rule, position) => ({
          portal_id: portalId,
          rule_id: rule.id,
          position,
          rule: JSON.stringify(rule),
          updated_by: userId,
        })),
      )
      .execute();
  },
};
