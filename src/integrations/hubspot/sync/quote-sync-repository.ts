import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, HubSpotQuoteSyncTable, LineItemTarget } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';

export type QuoteSyncState = Selectable<HubSpotQuoteSyncTable>;

export interface LineMapping {
  lineKey: string;
  hubspotId: string;
  hash: string;
}

/** The sync engine's stored state: one row per quote plus the line item mapping. */
export class QuoteSyncRepository {
  readonly #db: Kysely<DatabaseSchema>;
  readonly #portalId: PortalId;
  readonly #quoteId: string;

  constructor(db: Kysely<DatabaseSchema>, portalId: PortalId, quoteId: string) {
    this.#db = db;
    this.#portalId = portalId;
    this.#quoteId = quoteId;
  }

  #scope() {
    return { portal_id: this.#portalId, quote_id: this.#quoteId };
  }

  async state(): Promise<QuoteSyncState | undefined> {
    return this.#db
      .selectFrom('hubspot_quote_sync')
      .selectAll()
      .where('portal_id', '=', this.#portalId)
      .where('quote_id', '=', this.#quoteId)
      .executeTakeFirst();
  }

  /** Committed before a create is sent: if we crash before storing its id, the next run reconciles. */
  async markReconcile(dealId: string): Promise<void> {
    await this.#db
      .insertInto('hubspot_quote_sync')
      .values({ ...this.#scope(), deal_id: dealId, needs_reconcile: true, contact_ids: '[]' })
      // deal_id too: a row first written by recordFailure has none, and reconcile reads it.
      .onConflict((oc) =>
        oc
          .columns(['portal_id', 'quote_id'])
          .doUpdateSet({ needs_reconcile: true, deal_id: dealId, updated_at: new Date() }),
      )
      .execute();
  }

  async setHubSpotQuote(
    hubspotQuoteId: string | null,
    quoteHash: string | null,
    contactIds: readonly string[],
  ): Promise<void> {
    await this.#db
      .updateTable('hubspot_quote_sync')
      .set({
        hubspot_quote_id: hubspotQuoteId,
        quote_hash: quoteHash,
        contact_ids: JSON.stringify(contactIds),
        updated_at: new Date(),
      })
      .where('portal_id', '=', this.#portalId)
      .where('quote_id', '=', this.#quoteId)
      .execute();
  }

  async setDealHash(dealHash: string | null): Promise<void> {
    await this.#db
      .updateTable('hubspot_quote_sync')
      .set({ deal_hash: dealHash, updated_at: new Date() })
      .where('portal_id', '=', this.#portalId)
      .where('quote_id', '=', this.#quoteId)
      .execute();
  }

  /**
   * This quote just wrote the deal: the other quotes' remembered deal hashes no longer describe
   * what the deal holds, so whichever becomes primary next writes the deal again. Called under
   * the deal's sync lock.
   */
  async forgetOtherDealWrites(dealId: string): Promise<void> {
    await this.#db
      .updateTable('hubspot_quote_sync')
      .set({ deal_hash: null, updated_at: new Date() })
      .where('portal_id', '=', this.#portalId)
      .where('deal_id', '=', dealId)
      .where('quote_id', '!=', this.#quoteId)
      .where('deal_hash', 'is not', null)
      .execute();
  }

  async lines(target: LineItemTarget): Promise<LineMapping[]> {
    const rows = await this.#db
      .selectFrom('hubspot_line_item_map')
      .select(['line_key', 'hubspot_line_item_id', 'props_hash'])
      .where('portal_id', '=', this.#portalId)
      .where('quote_id', '=', this.#quoteId)
      .where('target', '=', target)
      .execute();
    return rows.map((row) => ({ lineKey: row.line_key, hubspotId: row.hubspot_line_item_id, hash: row.props_hash }));
  }

  async saveLines(target: LineItemTarget, lines: readonly LineMapping[]): Promise<void> {
    if (lines.length === 0) return;
    await this.#db
      .insertInto('hubspot_line_item_map')
      .values(
        lines.map((line) => ({
          ...this.#scope(),
          target,
          line_key: line.lineKey,
          hubspot_line_item_id: line.hubspotId,
          props_hash: line.hash,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['portal_id', 'quote_id', 'target', 'line_key']).doUpdateSet((eb) => ({
          hubspot_line_item_id: eb.ref('excluded.hubspot_line_item_id'),
          props_hash: eb.ref('excluded.props_hash'),
          updated_at: new Date(),
        })),
      )
      .execute();
  }

  async deleteLines(target: LineItemTarget, lineKeys: readonly string[]): Promise<void> {
    if (lineKeys.length === 0) return;
    await this.#db
      .deleteFrom('hubspot_line_item_map')
      .where('portal_id', '=', this.#portalId)
      .where('quote_id', '=', this.#quoteId)
      .where('target', '=', target)
      .where('line_key', 'in', lineKeys)
      .execute();
  }

  /** Never moves the synced revision backwards (an older job finishing late changes nothing). */
  async recordSynced(revision: number, dealId: string, status: 'synced' | 'archived'): Promise<void> {
    await this.#db
      .insertInto('hubspot_quote_sync')
      .values({
        ...this.#scope(),
        deal_id: dealId,
        last_synced_revision: revision,
        status,
        contact_ids: '[]',
        synced_at: new Date(),
      })
      .onConflict((oc) =>
        oc
          .columns(['portal_id', 'quote_id'])
          .doUpdateSet({
            last_synced_revision: revision,
            status,
            last_error: null,
            needs_reconcile: false,
            deal_id: dealId,
            synced_at: new Date(),
            updated_at: new Date(),
          })
          .where('hubspot_quote_sync.last_synced_revision', '<=', revision),
      )
      .execute();
  }

  async recordFailure(message: string): Promise<void> {
    await this.#db
      .insertInto('hubspot_quote_sync')
      .values({ ...this.#scope(), status: 'failed', last_error: message, contact_ids: '[]' })
      .onConflict((oc) =>
        oc
          .columns(['portal_id', 'quote_id'])
          .doUpdateSet({ status: 'failed', last_error: message, updated_at: new Date() }),
      )
      .execute();
  }
}
