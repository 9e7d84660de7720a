import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { recordAudit } from '../tenancy/index.ts';
import { APPROVALS_ERROR_CODES as CODES } from './approvals-error-codes.ts';
import { approvalRulesRepository } from './approval-rules-repository.ts';
import { ApprovalRuleSetSchema, type ApprovalRuleSet } from './domain/approval-rule-schema.ts';

/**
 * `cpq approvals import`: the file is `{ "rules": [...] }` (what export writes) or a bare array.
 * Every bad row is reported (path `rules.<n>.<field>`); nothing is written unless all pass, and
 * the whole set replaces the portal's rules in one transaction with an audit row.
 */
export async function importApprovalRules(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  text: string,
): Promise<ApprovalRuleSet> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('validation', CODES.APPROVAL_RULES_INVALID, 'The file is not valid JSON', {
      issues: [{ path: '', message: 'not valid JSON' }],
    });
  }
  const set = parseInput(
    ApprovalRuleSetSchema,
    Array.isArray(raw) ? { rules: raw } : raw,
    CODES.APPROVAL_RULES_INVALID,
  );
  await db.transaction().execute(async (trx) => {
    const before = await approvalRulesRepository.list(trx, portalId);
    await approvalRulesRepository.replace(trx, portalId, set.rules, null);
    await recordAudit(trx, portalId, {
      actorKind: 'system',
      action: 'approval-rules.imported',
      entityType: 'approval-rules',
      details: { before: before.map((r) => r.id), after: set.rules.map((r) => r.id) },
    });
  });
  return set;
}

export async function exportApprovalRules(db: Kysely<DatabaseSchema>, portalId: PortalId): Promise<ApprovalRuleSet> {
  return { rules: await approvalRulesRepository.list(db, portalId) };
}
