import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { AttributionDeal } from './domain/attribution-request-schema.ts';
import type { TouchSource } from './attribution-tables.ts';
import type { TouchpointInput } from './touchpoint-csv.ts';

type Db = Kysely<DatabaseSchema>;

/** Amounts and key instants of a deal as the app knows them (decimal strings, ISO instants). */
export interface DealFacts {
  dealId: string;
  currency: string;
  quoted?: string;
  contracted?: string;
  invoiced?: string;
  collected?: string;
  contactCreatedAt?: string | null;
  dealCreatedAt?: string | null;
  closedWonAt?: string | null;
}

const CHUNK = 1000;

/** The attribution module's tables: touchpoints and deal facts. */
export const attributionRepository = {
  /** Upserts touchpoints (same deal + touch id = the same touch) in the caller's transaction. */
  async upsertTouchpoints(
    db: Db,
    portalId: PortalId,
    rows: readonly TouchpointInput[],
    source: TouchSource,
  ): Promise<void> {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const values = rows.slice(start, start + CHUNK).map((row) => ({
        portal_id: portalId,
        deal_id: row.dealId,
        touch_id: row.touchId,
        occurred_at: row.occurredAt,
        campaign: row.campaign,
        channel: row.channel,
        contact_id: row.contactId,
        source,
      }));
      await db
        .insertInto('attribution_touchpoints')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['portal_id', 'deal_id', 'touch_id']).doUpdateSet((eb) => ({
            occurred_at: eb.ref('excluded.occurred_at'),
            campaign: eb.ref('excluded.campaign'),
            channel: eb.ref('excluded.channel'),
            contact_id: eb.ref('excluded.contact_id'),
            source: eb.ref('excluded.source'),
            updated_at: new Date(),
          })),
        )
        .execute();
    }
  },

  /** Upserts what is given of a deal's facts; absent fields keep their stored value. */
  async upsertDealFacts(db: Db, portalId: PortalId, facts: DealFacts): Promise<void> {
    const changes = {
      currency: facts.currency,
      ...(facts.quoted !== undefined && { quoted: facts.quoted }),
      ...(facts.contracted !== undefined && { contracted: facts.contracted }),
      ...(facts.invoiced !== undefined && { invoiced: facts.invoiced }),
      ...(facts.collected !== undefined && { collected: facts.collected }),
      ...(facts.contactCreatedAt !== undefined && { contact_created_at: facts.contactCreatedAt }),
      ...(facts.dealCreatedAt !== undefined && { deal_created_at: facts.dealCreatedAt }),
      ...(facts.closedWonAt !== undefined && { closed_won_at: facts.closedWonAt }),
    };
    await db
      .insertInto('attribution_deals')
      .values({ portal_id: portalId, deal_id: facts.dealId, ...changes })
      .onConflict((oc) => oc.columns(['portal_id', 'deal_id']).doUpdateSet({ ...changes, updated_at: new Date() }))
      .execute();
  },

  /**
   * The engine's input for a period: deals won (or, not won yet, created) in [from, to] with their
   * counted amounts and touchpoints.
   */
  async dealsForPeriod(
    db: Db,
    portalId: PortalId,
    period: { from: string; to: string } | { dealId: string },
  ): Promise<{ deals: AttributionDeal[]; sources: TouchSource[] }> {
    let query = db.selectFrom('attribution_deals').selectAll().where('portal_id', '=', portalId);
    if ('dealId' in period) query = query.where('deal_id', '=', period.dealId);
    else {
      const from = new Date(`${period.from}T00:00:00Z`);
      const to = new Date(`${period.to}T23:59:59.999Z`);
      query = query.where((eb) =>
        eb.or([
          eb.and([eb('closed_won_at', '>=', from), eb('closed_won_at', '<=', to)]),
          eb.and([eb('closed_won_at', 'is', null), eb('deal_created_at', '>=', from), eb('deal_created_at', '<=', to)]),
        ]),
      );
    }
    const facts = await query.orderBy('deal_id').execute();
    const touchesByDeal = new Map<string, AttributionDeal['touchpoints']>();
    const sources = new Set<TouchSource>();
    for (let start = 0; start < facts.length; start += CHUNK) {
      const ids = facts.slice(start, start + CHUNK).map((row) => row.deal_id);
      const touches = await db
        .selectFrom('attribution_touchpoints')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('deal_id', 'in', ids)
        .execute();
      for (const touch of touches) {
        sources.add(touch.source);
        const list = touchesByDeal.get(touch.deal_id) ?? [];
        list.push({
          id: touch.touch_id,
          occurredAt: new Date(touch.occurred_at).toISOString(),
          campaign: touch.campaign,
          ...(touch.channel !== null && { channel: touch.channel }),
          ...(touch.contact_id !== null && { contactId: touch.contact_id }),
        });
        touchesByDeal.set(touch.deal_id, list);
      }
    }
    const iso = (value: Date | null) => (value === null ? undefined : new Date(value).toISOString());
    const deals = facts.map((row) => {
      const contactCreatedAt = iso(row.contact_created_at);
      const dealCreatedAt = iso(row.deal_created_at);
      const closedWonAt = iso(row.closed_won_at);
      return {
        id: row.deal_id,
        currency: row.currency,
        amounts: { quoted: row.quoted, contracted: row.contracted, invoiced: row.invoiced, collected: row.collected },
        ...(contactCreatedAt !== undefined && { contactCreatedAt }),
        ...(dealCreatedAt !== undefined && { dealCreatedAt }),
        ...(closedWonAt !== undefined && { closedWonAt }),
        touchpoints: touchesByDeal.get(row.deal_id) ?? [],
      };
    });
    return { deals, sources: [...sources].sort() };
  },
};
