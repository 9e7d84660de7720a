import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { SspRule } from './domain/ssp-resolution.ts';

type Db = Kysely<DatabaseSchema>;

/** revenue_ssp_rules: a portal's standalone selling price rules (docs/revenue.md "SSP rules"). */
export const sspRuleRepository = {
  async list(db: Db, portalId: PortalId): Promise<SspRule[]> {
    const rows = await db
      .selectFrom('revenue_ssp_rules')
      .selectAll()
      .where('portal_id', '=', portalId)
      .orderBy('scope', 'desc')
      .orderBy('scope_key')
      .orderBy('currency')
      .execute();
    return rows.map((row) => ({
      scope: row.scope,
      scopeKey: row.scope_key,
      currency: row.currency,
      kind: row.kind,
      amount: row.amount,
      discountPercent: row.discount_percent,
    }));
  },

  /** Inserts or replaces rules by (scope, key, currency); `replaceAll` first deletes the portal's other rules. */
  async upsert(
    db: Db,
    portalId: PortalId,
    rules: readonly SspRule[],
    options: { userId: number | null; replaceAll?: boolean },
  ): Promise<void> {
    if (options.replaceAll) await db.deleteFrom('revenue_ssp_rules').where('portal_id', '=', portalId).execute();
    for (let start = 0; start < rules.length; start += 1000) {
      const rows = rules.slice(start, start + 1000).map((rule) => ({
        portal_id: portalId,
        scope: rule.scope,
        scope_key: rule.scopeKey,
        currency: rule.currency,
        kind: rule.kind,
        amount: rule.amount,
        discount_percent: rule.discountPercent,
        updated_by: options.userId,
      }));
      await db
        .insertInto('revenue_ssp_rules')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['portal_id', 'scope', 'scope_key', 'currency']).doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            amount: eb.ref('excluded.amount'),
            discount_percent: eb.ref('excluded.discount_percent'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: new Date(),
          })),
        )
        .execute();
    }
  },
};
