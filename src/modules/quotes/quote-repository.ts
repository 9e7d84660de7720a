import { sql, type Kysely, type Selectable } from 'kysely';
import type { DatabaseSchema, QuoteStatus, QuotesTable } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { PricingResponse } from '../pricing/index.ts';
import type { QuoteRecord, QuoteSettings, StoredQuoteLine } from './quote-record.ts';

type Db = Kysely<DatabaseSchema>;

export interface QuoteWrite {
  id: string;
  dealId: string;
  companyId: string | null;
  title: string;
  currency: string;
  isPrimary: boolean;
  revision: number;
  expirationDate: string;
  settings: QuoteSettings;
  lines: StoredQuoteLine[];
  priced: PricingResponse;
  priceInputsHash: string;
  clonedFrom: string | null;
  userId: number | null;
}

export interface QuoteListRow {
  id: string;
  title: string;
  currency: string;
  status: QuoteStatus;
  isPrimary: boolean;
  revision: number;
  netTotal: string;
  lineCount: number;
  updatedAt: Date;
}

/** The columns every save writes, shared by insert and update so the two cannot drift apart. */
function editableColumns(quote: QuoteWrite) {
  return {
    company_id: quote.companyId,
    title: quote.title,
    currency: quote.currency,
    revision: quote.revision,
    expiration_date: quote.expirationDate,
    settings: JSON.stringify(quote.settings),
    lines: JSON.stringify(quote.lines),
    line_count: quote.lines.length,
    priced: JSON.stringify(quote.priced),
    price_inputs_hash: quote.priceInputsHash,
    net_total: quote.priced.totals.netTotal,
    updated_by: quote.userId,
  };
}

/** The `quotes` table. Lines and the priced snapshot are JSONB on the row: one read per quote. */
export const quoteRepository = {
  async insert(db: Db, portalId: PortalId, quote: QuoteWrite): Promise<Date> {
    const row = await db
      .insertInto('quotes')
      .values({
        ...editableColumns(quote),
        id: quote.id,
        portal_id: portalId,
        deal_id: quote.dealId,
        is_primary: quote.isPrimary,
        cloned_from: quote.clonedFrom,
        created_by: quote.userId,
      })
      .returning('updated_at')
      .executeTakeFirstOrThrow();
    return row.updated_at;
  },

  async update(db: Db, portalId: PortalId, quote: QuoteWrite): Promise<Date> {
    const row = await db
      .updateTable('quotes')
      .set({ ...editableColumns(quote), updated_at: sql`now()` })
      .where('portal_id', '=', portalId)
      .where('id', '=', quote.id)
      .returning('updated_at')
      .executeTakeFirstOrThrow();
    return row.updated_at;
  },

  /** Locks the row (FOR UPDATE) when `lock`: concurrent saves of one quote run one after another. */
  async get(
    db: Db,
    portalId: PortalId,
    quoteId: string,
    options: { lock?: boolean; includeArchived?: boolean } = {},
  ): Promise<QuoteRecord | undefined> {
    const row = await db
      .selectFrom('quotes')
      .selectAll()
      .where('portal_id', '=', portalId)
      .where('id', '=', quoteId)
      .$if(!options.includeArchived, (qb) => qb.where('archived', '=', false))
      .$if(options.lock === true, (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  },

  async listForDeal(db: Db, portalId: PortalId, dealId: string): Promise<QuoteListRow[]> {
    const rows = await db
      .selectFrom('quotes')
      .select(['id', 'title', 'currency', 'status', 'is_primary', 'revision', 'net_total', 'line_count', 'updated_at'])
      .where('portal_id', '=', portalId)
      .where('deal_id', '=', dealId)
      .where('archived', '=', false)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      currency: r.currency,
      status: r.status,
      isPrimary: r.is_primary,
      revision: r.revision,
      netTotal: r.net_total,
      lineCount: r.line_count,
      updatedAt: r.updated_at,
    }));
  },

  async primaryIdForDeal(db: Db, portalId: PortalId, dealId: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('quotes')
      .select('id')
      .where('portal_id', '=', portalId)
      .where('deal_id', '=', dealId)
      .where('is_primary', '=', true)
      .where('archived', '=', false)
      .executeTakeFirst();
    return row?.id;
  },

  async setPrimaryFlag(
    db: Db,
    portalId: PortalId,
    quoteId: string,
    isPrimary: boolean,
    revision: number,
  ): Promise<void> {
    await db
      .updateTable('quotes')
      .set({ is_primary: isPrimary, revision, updated_at: sql`now()` })
      .where('portal_id', '=', portalId)
      .where('id', '=', quoteId)
      .execute();
  },

  async archive(db: Db, portalId: PortalId, quoteId: string, revision: number): Promise<void> {
    await db
      .updateTable('quotes')
      .set({ archived: true, is_primary: false, revision, updated_at: sql`now()` })
      .where('portal_id', '=', portalId)
      .where('id', '=', quoteId)
      .execute();
  },
};

function toRecord(row: Selectable<QuotesTable>): QuoteRecord {
  return {
    id: row.id,
    dealId: row.deal_id,
    companyId: row.company_id,
    title: row.title,
    currency: row.currency,
    status: row.status,
    isPrimary: row.is_primary,
    revision: row.revision,
    expirationDate: row.expiration_date,
    settings: row.settings as unknown as QuoteSettings,
    lines: row.lines as StoredQuoteLine[],
    priced: row.priced as unknown as PricingResponse,
    priceInputsHash: row.price_inputs_hash,
    archived: row.archived,
    updatedAt: row.updated_at,
  };
}
