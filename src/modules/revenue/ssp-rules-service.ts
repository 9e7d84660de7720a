import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { recordAudit } from '../tenancy/index.ts';
import { sspRuleRepository } from './ssp-rule-repository.ts';
import { SspRulesInputSchema, toSspRule } from './ssp-rules-schema.ts';

/**
 * Validates every rule first (bad input writes nothing: 400 / exit 2 naming the field), then
 * writes the rules and the audit row in one transaction. Contracts already scheduled keep the SSPs
 * captured at their inception.
 */
export async function importSspRules(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  body: unknown,
  actor: { userId: number | null },
): Promise<{ imported: number; replaced: boolean }> {
  const input = parseInput(SspRulesInputSchema, body, 'REVENUE_SSP_INVALID');
  const rules = input.rules.map(toSspRule);
  await db.transaction().execute(async (trx) => {
    await sspRuleRepository.upsert(trx, portalId, rules, { userId: actor.userId, replaceAll: input.replace });
    await recordAudit(trx, portalId, {
      actorKind: actor.userId === null ? 'system' : 'user',
      actorUserId: actor.userId,
      action: 'revenue.ssp-rules-imported',
      entityType: 'ssp-rules',
      details: { count: rules.length, replace: input.replace },
    });
  });
  return { imported: rules.length, replaced: input.replace };
}
