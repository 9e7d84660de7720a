import { sql, type Kysely } from 'kysely';
import { AccountPricingSchema, type AccountPricing } from '../../../extensions/app/cards/api/card-api-schemas.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';

type Db = Kysely<DatabaseSchema>;

/** Account pricing per HubSpot company (contracted prices, channel discounts, renewal method). */
export const accountPricingRepository = {
  async get(
    db: Db,
    portalId: PortalId,
    companyId: string,
  ): Promise<{ pricing: AccountPricing; updatedAt: Date } | undefined> {
    const row = await db
      .selectFrom('account_pricing')
      .select(['pricing', 'updated_at'])
      .where('portal_id', '=', portalId)
      .where('company_id', '=', companyId)
      .executeTakeFirst();
    // Stored rows were validated on write; parsing again fills defaults added since.
    return row ? { pricing: AccountPricingSchema.parse(row.pricing), updatedAt: row.updated_at } : undefined;
  },

  async put(db: Db, portalId: PortalId, companyId: string, pricing: AccountPricing): Promise<Date> {
    const row = await db
      .insertInto('account_pricing')
      .values({ portal_id: portalId, company_id: companyId, pricing: JSON.stringify(pricing) })
      .onConflict((oc) =>
        oc
          .columns(['portal_id', 'company_id'])
          .doUpdateSet((eb) => ({ pricing: eb.ref('excluded.pricing'), updated_at: sql`now()` })),
      )
      .returning('updated_at')
      .executeTakeFirstOrThrow();
    return row.updated_at;
  },

  async list(db: Db, portalId: PortalId): Promise<Array<AccountPricing & { companyId: string }>> {
    const rows = await db
      .selectFrom('account_pricing')
      .select(['company_id', 'pricing'])
      .where('portal_id', '=', portalId)
      .orderBy('company_id')
      .execute();
    return rows.map((r) => ({ companyId: r.company_id, ...AccountPricingSchema.parse(r.pricing) }));
  },
};
