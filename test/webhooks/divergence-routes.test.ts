import { Router } from 'express';
import type { QuoteSummaryResponse } from '../../extensions/app/cards/api/card-api-schemas.ts';
import { createJobQueue, type JobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { quoteRouter } from '../../src/modules/quotes/quote-routes.ts';
import { createQuoteService } from '../../src/modules/quotes/quote-service.ts';
import { createSyncStateReader } from '../../src/modules/quotes/quote-sync-state.ts';
import { divergenceRouter } from '../../src/modules/quotes/divergences/divergence-routes.ts';
import { divergenceQueries } from '../../src/modules/quotes/divergences/open-divergences.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';

const PORTAL = 3700;
const DEAL = `${Date.now() % 1_000_000_000}`;

describe('open divergences on the quote summary and resolving one', () => {
  let http: HttpHarness;
  let jobs: JobQueue;

  beforeAll(async () => {
    let inner = Router();
    const late = Router();
    late.use((req, res, next) => inner(req, res, next));
    http = await startHttpHarness({ apiRouters: [late] });
    jobs = createJobQueue({
      database: http.database,
      databaseUrl: http.database.url,
      logger: createLogger({ level: 'silent' }),
    });
    await jobs.start();
    const service = createQuoteService({ db: http.database.db, jobs, now: () => http.now.value });
    inner = Router();
    inner.use(
      quoteRouter(service, createSyncStateReader(http.database), divergenceQueries(http.database.db).openForDeal),
      divergenceRouter(http.database.db, () => http.now.value),
    );
  });
  afterAll(async () => {
    await jobs.stop(2000);
    await http.close();
  });

  const api = (method: string, path: string, portalId = PORTAL) =>
    http.signedFetch(method, `/api${path}?portalId=${portalId}&userId=1`);

  test('the summary lists the deal open divergences newest first; resolving one hides it and records when', async () => {
    const rows = [
      { field: 'amount' as const, hubspot_value: '1200', app_value: '1000.00', occurred_at: 2_000, inbox_id: 1 },
      {
        field: 'line_items' as const,
        hubspot_value: 'changed line item 9: quantity=3',
        app_value: '2 lines',
        occurred_at: 1_000,
        inbox_id: 2,
      },
    ];
    const inserted = await http.database.db
      .insertInto('quote_divergences')
      .values(
        rows.map((r) => ({ ...r, portal_id: PORTAL, deal_id: DEAL, quote_id: 'q1', details: JSON.stringify({}) })),
      )
      .returning('id')
      .execute();
    const [amountId, linesId] = inserted.map((r) => Number(r.id));
    const summary = (await (await api('GET', `/v1/deals/${DEAL}/quote-summary`)).json()) as QuoteSummaryResponse;
    expect(summary.divergences).toEqual([
      {
        id: amountId,
        field: 'amount',
        quoteId: 'q1',
        hubspotValue: '1200',
        appValue: '1000.00',
        occurredAt: '1970-01-01T00:00:02.000Z',
      },
      {
        id: linesId,
        field: 'line_items',
        quoteId: 'q1',
        hubspotValue: 'changed line item 9: quantity=3',
        appValue: '2 lines',
        occurredAt: '1970-01-01T00:00:01.000Z',
      },
    ]);

    const resolved = await api('POST', `/v1/divergences/${amountId}/resolve`);
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toEqual({ id: amountId, resolvedAt: new Date(http.now.value).toISOString() });
    const after = (await (await api('GET', `/v1/deals/${DEAL}/quote-summary`)).json()) as QuoteSummaryResponse;
    expect(after.divergences.map((d) => d.id)).toEqual([linesId]);

    const again = await api('POST', `/v1/divergences/${amountId}/resolve`);
    expect(again.status).toBe(404);
    expect((await errorOf(again)).code).toBe('DIVERGENCE_NOT_FOUND');
    // Another portal cannot resolve (or see) this portal's divergence.
    expect((await api('POST', `/v1/divergences/${linesId}/resolve`, PORTAL + 1)).status).toBe(404);
    expect((await api('POST', '/v1/divergences/abc/resolve')).status).toBe(400);
  });
});
