import { sql } from 'kysely';
import type {
  QuoteView,
  QuoteListResponse,
  QuoteSummaryResponse,
  CatalogSearchResponse,
} from '../../extensions/app/cards/api/card-api-schemas.ts';
import { createQuoteSyncSource } from '../../src/modules/quotes/quote-sync-source.ts';
import { grantRole } from '../../src/modules/tenancy/role-repository.ts';
import { errorOf } from '../support/http-harness.ts';
import { DATABASE_LABEL } from '../support/test-database.ts';
import { PORTAL, USER, startQuoteApi, type QuoteApiHarness } from './quote-api-harness.ts';

const CATALOG = JSON.stringify({
  discountSchedules: [
    {
      id: 'VOL',
      type: 'range',
      tiers: [
        { lowerBound: '1', upperBound: '10', value: '10' },
        { lowerBound: '10', upperBound: '20', value: '20' },
        { lowerBound: '20', value: '30' },
      ],
    },
  ],
  products: [
    { sku: 'LAPTOP', name: 'Laptop', category: 'hardware', prices: { USD: '234.56' }, hubspotProductId: '9001' },
    { sku: 'DOCK', name: 'Dock', category: 'hardware', prices: { USD: '100' }, discountSchedule: 'VOL' },
    { sku: 'SUPPORT', name: 'Support plan', prices: { USD: '1200' }, recurring: { defaultTermMonths: '12' } },
  ],
});

describe(`quote card API on ${DATABASE_LABEL}`, () => {
  let api: QuoteApiHarness;
  beforeAll(async () => {
    api = await startQuoteApi();
    await api.importProducts(CATALOG);
  });
  afterAll(async () => api.close());

  async function json<T>(response: Response, status = 200): Promise<T> {
    if (response.status !== status)
      throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function auditActions(quoteId: string): Promise<string[]> {
    const rows = await api.http.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('portal_id', '=', PORTAL)
      .where('entity_id', '=', quoteId)
      .orderBy('id')
      .execute();
    expect(rows.every((r) => r.actor_user_id === USER)).toBe(true);
    return rows.map((r) => r.action);
  }

  test('catalog search finds products by name or sku with the list price in the asked currency', async () => {
    const body = await json<CatalogSearchResponse>(await api.call('GET', '/v1/catalog/products?q=do&currency=USD'));
    expect(body).toEqual({
      items: [
        expect.objectContaining({ sku: 'DOCK', name: 'Dock', listPrice: '100', currencies: ['USD'], recurring: false }),
      ],
      total: 1,
      offset: 0,
    });
  });

  test('creating a quote prices it (10 x 234.56 at 20% = 1876.48), makes the first quote primary, audits and enqueues its sync in the same transaction', async () => {
    const quote = await json<QuoteView>(
      await api.call('POST', '/v1/deals/5001/quotes', {
        currency: 'USD',
        termMonths: '24',
        lines: [
          { sku: 'LAPTOP', quantity: '10', additionalDiscount: { percent: '20' } },
          { sku: 'SUPPORT', quantity: '1' },
        ],
      }),
      201,
    );
    expect(quote).toMatchObject({
      dealId: '5001',
      isPrimary: true,
      revision: 1,
      status: 'draft',
      pricesChangedSinceSaved: false,
    });
    expect(quote.lines.items.map((l) => [l.sku, l.name, l.listUnitPrice, l.netUnitPrice, l.netTotal])).toEqual([
      ['LAPTOP', 'Laptop', '234.56', '187.648', '1876.48'],
      ['SUPPORT', 'Support plan', '1200', '2400', '2400.00'],
    ]);
    expect(quote.totals).toMatchObject({
      netTotal: '4276.48',
      oneTimeTotal: '1876.48',
      recurringTotal: '2400.00',
      mrr: '100.00',
      arr: '1200.00',
      tcv: '4276.48',
    });
    expect(await auditActions(quote.id ?? '')).toEqual(['quote.created']);
    expect(await api.syncJobs()).toContainEqual({ portalId: PORTAL, quoteId: quote.id });
    const stored = await api.http.database.db
      .selectFrom('quotes')
      .select(['net_total', 'line_count', 'revision'])
      .where('portal_id', '=', PORTAL)
      .where('id', '=', quote.id ?? '')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ net_total: '4276.48', line_count: 2, revision: 1 });
  });

  test('every change reprices and bumps the revision; a stale expectedRevision is a 409', async () => {
    const created = await json<QuoteView>(
      await api.call('POST', '/v1/deals/5002/quotes', { currency: 'USD', lines: [{ sku: 'DOCK', quantity: '5' }] }),
      201,
    );
    const lineId = created.lines.items[0]?.id;
    expect(created.totals.netTotal).toBe('450.00');
    const updated = await json<QuoteView>(
      await api.call('PATCH', `/v1/quotes/${created.id}`, {
        expectedRevision: 1,
        lineChanges: { upsert: [{ id: lineId, sku: 'DOCK', quantity: '30' }] },
      }),
    );
    // Range schedule: 30 units fall in [20,inf) 30% -> 30 x 70 = 2100.00 (docs/pricing.md "How a quote is priced" example).
    expect(updated).toMatchObject({ revision: 2, totals: expect.objectContaining({ netTotal: '2100.00' }) });
    const stale = await api.call('PATCH', `/v1/quotes/${created.id}`, { expectedRevision: 1, title: 'x' });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('QUOTE_REVISION_CONFLICT');
    expect(await auditActions(created.id ?? '')).toEqual(['quote.created', 'quote.updated']);
  });

  test('a price book change shows as "prices changed since saved" without repricing; the next save reprices', async () => {
    const created = await json<QuoteView>(
      await api.call('POST', '/v1/deals/5003/quotes', { currency: 'USD', lines: [{ sku: 'LAPTOP', quantity: '1' }] }),
      201,
    );
    await api.importProducts(
      JSON.stringify([
        { sku: 'LAPTOP', name: 'Laptop', category: 'hardware', prices: { USD: '250' }, hubspotProductId: '9001' },
      ]),
    );
    const stale = await json<QuoteView>(await api.call('GET', `/v1/quotes/${created.id}`));
    expect(stale).toMatchObject({
      pricesChangedSinceSaved: true,
      revision: 1,
      totals: expect.objectContaining({ netTotal: '234.56' }),
    });
    const saved = await json<QuoteView>(await api.call('PATCH', `/v1/quotes/${created.id}`, { title: 'Repriced' }));
    expect(saved).toMatchObject({
      pricesChangedSinceSaved: false,
      revision: 2,
      title: 'Repriced',
      totals: expect.objectContaining({ netTotal: '250.00' }),
    });
    await api.importProducts(
      JSON.stringify([
        { sku: 'LAPTOP', name: 'Laptop', category: 'hardware', prices: { USD: '234.56' }, hubspotProductId: '9001' },
      ]),
    );
  });

  test('clone makes a non-primary version; set primary moves the flag and enqueues both quotes', async () => {
    const first = await json<QuoteView>(
      await api.call('POST', '/v1/deals/5004/quotes', { currency: 'USD', lines: [{ sku: 'DOCK', quantity: '1' }] }),
      201,
    );
    const copy = await json<QuoteView>(await api.call('POST', `/v1/quotes/${first.id}/clone`), 201);
    expect(copy).toMatchObject({ isPrimary: false, revision: 1, title: 'Quote 1 (copy)', totals: first.totals });
    expect((await api.syncJobs()).filter((j) => j.quoteId === copy.id)).toEqual([]);
    const primary = await json<QuoteView>(await api.call('POST', `/v1/quotes/${copy.id}/primary`));
    expect(primary).toMatchObject({ isPrimary: true, revision: 2 });
    const list = await json<QuoteListResponse>(await api.call('GET', '/v1/deals/5004/quotes'));
    expect(list.quotes.map((q) => [q.id, q.isPrimary])).toEqual([
      [first.id, false],
      [copy.id, true],
    ]);
    const jobs = await api.syncJobs();
    expect(jobs).toContainEqual({ portalId: PORTAL, quoteId: copy.id });
    expect(jobs).toContainEqual({ portalId: PORTAL, quoteId: first.id });
    expect(await auditActions(copy.id ?? '')).toEqual(['quote.cloned', 'quote.primary-set']);
  });

  test('two first quotes created at once on one deal: both saved, exactly one primary', async () => {
    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        api.call('POST', '/v1/deals/5011/quotes', { currency: 'USD', lines: [{ sku: 'DOCK', quantity: '1' }] }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    const list = await json<QuoteListResponse>(await api.call('GET', '/v1/deals/5011/quotes'));
    expect(list.quotes.filter((q) => q.isPrimary)).toHaveLength(1);
    expect(list.quotes).toHaveLength(3);
  });

  test('large quotes page through lines: 250 lines, offset 200 gives the last 50', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => ({ id: `L${i}`, sku: 'DOCK', quantity: String(i + 1) }));
    const created = await json<QuoteView>(
      await api.call('POST', '/v1/deals/5005/quotes?lineLimit=10', { currency: 'USD', lines }),
      201,
    );
    expect(created.lines).toMatchObject({ offset: 0, limit: 10, total: 250 });
    const page = await json<QuoteView>(await api.call('GET', `/v1/quotes/${created.id}?lineOffset=200&lineLimit=100`));
    expect(page.lines.items.map((l) => l.id)).toEqual(Array.from({ length: 50 }, (_, i) => `L${200 + i}`));
    expect(page.lines.total).toBe(250);
  });

  test('an unknown sku is a 400 naming the line; nothing is saved', async () => {
    const response = await api.call('POST', '/v1/deals/5006/quotes', {
      currency: 'USD',
      lines: [
        { sku: 'DOCK', quantity: '1' },
        { sku: 'NOPE', quantity: '1' },
      ],
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: 'QUOTE_UNKNOWN_SKU',
      issues: [{ path: 'lines.1.sku', message: 'no product with sku "NOPE" in the catalog' }],
    });
    expect((await json<QuoteListResponse>(await api.call('GET', '/v1/deals/5006/quotes'))).quotes).toEqual([]);
  });

  test('a quote of another portal is not found', async () => {
    const created = await json<QuoteView>(
      await api.call('POST', '/v1/deals/5007/quotes', { currency: 'USD', lines: [] }),
      201,
    );
    const response = await api.call('GET', `/v1/quotes/${created.id}`, undefined, 202);
    expect(response.status).toBe(404);
  });

  test("account pricing is validated by the engine rules and applies to the company's quotes", async () => {
    const notAdmin = await api.call('PUT', '/v1/accounts/77/pricing', { partnerDiscountPercent: '10' });
    expect(notAdmin.status).toBe(403);
    expect((await errorOf(notAdmin)).code).toBe('ROLE_REQUIRED');
    await grantRole(api.http.database.db, PORTAL, USER, 'admin', null);
    const bad = await api.call('PUT', '/v1/accounts/77/pricing', {
      contractedPrices: [{ sku: 'DOCK', price: { USD: '80' }, discountPercent: '5' }],
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues).toEqual([
      { path: 'contractedPrices.0.price', message: 'give exactly one of price or discountPercent' },
    ]);
    await json(
      await api.call('PUT', '/v1/accounts/77/pricing', {
        contractedPrices: [{ sku: 'DOCK', price: { USD: '80' } }],
        partnerDiscountPercent: '10',
      }),
    );
    const draft = await json<QuoteView>(
      await api.call('POST', '/v1/deals/5008/quotes/price', {
        currency: 'USD',
        companyId: '77',
        lines: [{ sku: 'DOCK', quantity: '1' }],
      }),
    );
    // contracted 80 -> volume tier [1,10) 10% = 72 -> partner 10% = 64.80
    expect(draft).toMatchObject({ id: null, totals: expect.objectContaining({ netTotal: '64.80' }) });
    expect((await json<QuoteListResponse>(await api.call('GET', '/v1/deals/5008/quotes'))).quotes).toEqual([]);
    const audit = await api.http.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('portal_id', '=', PORTAL)
      .where('entity_id', '=', '77')
      .execute();
    expect(audit).toEqual([{ action: 'account-pricing.saved', actor_user_id: USER }]);
  });

  test("the sync source gives the primary quote's snapshot; delete archives it and enqueues its removal", async () => {
    const created = await json<QuoteView>(
      await api.call('POST', '/v1/deals/5009/quotes', {
        currency: 'USD',
        companyId: '78',
        termMonths: '12',
        lines: [
          { id: 'a', sku: 'LAPTOP', quantity: '2' },
          { id: 'b', sku: 'SUPPORT', quantity: '1' },
        ],
      }),
      201,
    );
    const source = createQuoteSyncSource(api.http.database.db);
    expect(await source.load(PORTAL, created.id ?? '')).toEqual({
      portalId: PORTAL,
      quoteId: created.id,
      dealId: '5009',
      revision: 1,
      isPrimary: true,
      title: 'Quote 1',
      currency: 'USD',
      expirationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      netTotal: '1669.12',
      lines: [
        {
          lineKey: 'a',
          sku: 'LAPTOP',
          name: 'Laptop',
          hubspotProductId: '9001',
          quantity: '2',
          netUnitPrice: '234.56',
          netTotal: '469.12',
          recurringBillingPeriod: null,
        },
        {
          lineKey: 'b',
          sku: 'SUPPORT',
          name: 'Support plan',
          hubspotProductId: null,
          quantity: '1',
          netUnitPrice: '1200',
          netTotal: '1200.00',
          recurringBillingPeriod: 'P12M',
        },
      ],
      contactIds: [],
      companyIds: ['78'],
      archived: false,
    });
    expect((await api.call('DELETE', `/v1/quotes/${created.id}`)).status).toBe(204);
    expect(await source.load(PORTAL, created.id ?? '')).toMatchObject({
      archived: true,
      isPrimary: false,
      revision: 2,
    });
    expect((await api.call('GET', `/v1/quotes/${created.id}`)).status).toBe(404);
    const summary = await json<QuoteSummaryResponse>(await api.call('GET', '/v1/deals/5009/quote-summary'));
    expect(summary).toEqual({ primary: null, quoteCount: 0, divergences: [] });
  });

  test("the summary shows the primary quote's totals and its queued sync", async () => {
    const created = await json<QuoteView>(
      await api.call('POST', '/v1/deals/5010/quotes', { currency: 'USD', lines: [{ sku: 'DOCK', quantity: '2' }] }),
      201,
    );
    const summary = await json<QuoteSummaryResponse>(await api.call('GET', '/v1/deals/5010/quote-summary'));
    expect(summary).toMatchObject({
      quoteCount: 1,
      primary: {
        id: created.id,
        lineCount: 1,
        totals: expect.objectContaining({ netTotal: '180.00' }),
        sync: { state: 'queued' },
      },
    });
    const count = await api.http.database.db
      .selectFrom('quotes')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('portal_id', '=', PORTAL)
      .executeTakeFirstOrThrow();
    expect(count.n).toBeGreaterThan(5);
  });
});
