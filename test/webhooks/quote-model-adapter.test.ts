import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import type { JobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createQuoteModelAdapter } from '../../src/modules/quotes/webhooks/quote-model-adapter.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

const PORTAL = 3300 as PortalId;

describe(`DealQuotesPort over the quotes table on ${DATABASE_LABEL}`, () => {
  let database: TestDatabase;
  let sent: Array<{ queue: string; data: unknown; singletonKey: string | undefined }>;
  const jobs: JobQueue = {
    start: async () => undefined,
    stop: async () => undefined,
    defineQueue: async () => undefined,
    send: async (queue, data, options) => {
      sent.push({ queue, data, singletonKey: options?.singletonKey });
      return 'job';
    },
    work: async () => 'worker',
    schedule: async () => undefined,
    counts: async () => ({}),
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  beforeEach(async () => {
    sent = [];
    await database.db.deleteFrom('quotes').where('portal_id', '=', PORTAL).execute();
    await database.db.deleteFrom('audit_log').where('portal_id', '=', PORTAL).execute();
    const quote = (id: string, dealId: string, isPrimary: boolean, netTotal: string) => ({
      id,
      portal_id: PORTAL,
      deal_id: dealId,
      title: id,
      currency: 'USD',
      is_primary: isPrimary,
      revision: 3,
      expiration_date: '2026-12-31',
      settings: '{}',
      lines: '[]',
      line_count: 2,
      priced: '{}',
      price_inputs_hash: 'h',
      net_total: netTotal,
    });
    await database.db
      .insertInto('quotes')
      .values([
        quote('q1', '501', true, '1876.48'),
        quote('q2', '501', false, '10'),
        quote('q3', '777', true, '5'),
        quote('q4', '888', true, '7'),
      ])
      .execute();
  });

  async function quotes() {
    return database.db
      .selectFrom('quotes')
      .select(['id', 'deal_id', 'is_primary', 'archived', 'revision'])
      .where('portal_id', '=', PORTAL)
      .orderBy('id')
      .execute();
  }

  test('primaryQuote reads the primary, non-archived quote of the deal', async () => {
    const port = createQuoteModelAdapter(database.db, jobs);
    expect(await port.primaryQuote(PORTAL, '501')).toEqual({ quoteId: 'q1', netTotal: '1876.48', lineCount: 2 });
    expect(await port.primaryQuote(PORTAL, '999')).toBeUndefined();
  });

  test('deal deleted: its quotes are archived with a new revision, audited, and the primary re-synced', async () => {
    const port = createQuoteModelAdapter(database.db, jobs);
    expect(await port.archiveForDeal(PORTAL, '501')).toBe(2);
    expect((await quotes()).filter((q) => q.deal_id === '501')).toEqual([
      { id: 'q1', deal_id: '501', is_primary: false, archived: true, revision: 4 },
      { id: 'q2', deal_id: '501', is_primary: false, archived: true, revision: 4 },
    ]);
    expect(sent).toEqual([
      { queue: 'hubspot.sync.quote', data: { portalId: PORTAL, quoteId: 'q1' }, singletonKey: `${PORTAL}:q1` },
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'action', 'entity_id'])
      .where('portal_id', '=', PORTAL)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { actor_kind: 'hubspot', action: 'quote.archived', entity_id: 'q1' },
      { actor_kind: 'hubspot', action: 'quote.archived', entity_id: 'q2' },
    ]);
  });

  test('deals merged: quotes move to the surviving deal, whose own primary stays the only primary', async () => {
    const port = createQuoteModelAdapter(database.db, jobs);
    expect(await port.repointDeal(PORTAL, '777', '888')).toBe(1);
    expect((await quotes()).filter((q) => q.deal_id === '888')).toEqual([
      { id: 'q3', deal_id: '888', is_primary: false, archived: false, revision: 4 },
      { id: 'q4', deal_id: '888', is_primary: true, archived: false, revision: 3 },
    ]);
    expect(await port.repointDeal(PORTAL, '501', '999')).toBe(2);
    expect(await port.primaryQuote(PORTAL, '999')).toEqual({ quoteId: 'q1', netTotal: '1876.48', lineCount: 2 });
  });

  test('closed-won: the quote model has no accepted status yet, so no quote is marked won', async () => {
    const port = createQuoteModelAdapter(database.db, jobs);
    expect(await port.markPrimaryAcceptedQuoteWon(PORTAL, '501', 1)).toBeUndefined();
    expect((await quotes()).find((q) => q.id === 'q1')?.revision).toBe(3);
  });
});
