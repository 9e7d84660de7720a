import { toPortalId } from '../../src/kernel/db/portal-id.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';
import {
  attributionRepository,
  buildAttributionReport,
  buildDealAttribution,
  importTouchpoints,
  reportToCsv,
} from '../../src/modules/attribution/index.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

const portal = toPortalId(4242);
const other = toPortalId(4343);
const CSV = [
  'deal_id,touch_id,occurred_at,campaign,channel,contact_id',
  '101,t1,2026-01-02T09:00:00Z,Spring webinar,email-marketing,c1',
  '101,t2,2026-01-10T09:00:00Z,"Paid search, brand",paid-search,c1',
  '102,t3,2026-01-03T09:00:00Z,Spring webinar,email-marketing,c2',
].join('\n');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe(`attribution store on ${DATABASE_LABEL}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  async function count(): Promise<number> {
    const rows = await database.db
      .selectFrom('attribution_touchpoints')
      .select('touch_id')
      .where('portal_id', '=', portal)
      .execute();
    return rows.length;
  }

  test('a touchpoint CSV with one bad row names its line and field and imports nothing', async () => {
    const bad = `${CSV}\n103,t4,yesterday,Webinar,,\n104,,2026-01-03T09:00:00Z,Webinar,,`;
    const error = await rejection(importTouchpoints(database.db, portal, bad));
    expect(error.code).toBe('ATTRIBUTION_TOUCHPOINT_IMPORT_INVALID');
    expect(error.issues.map((issue) => issue.path)).toEqual(['line 5.occurred_at', 'line 6.touch_id']);
    expect(await count()).toBe(0);
  });

  test('an unterminated quote is refused with a clear error, not swallowing the rows after it', async () => {
    const error = await rejection(
      importTouchpoints(
        database.db,
        portal,
        `${CSV}\n105,t9,2026-01-03T09:00:00Z,"Webinar,,\n106,t10,2026-01-03T09:00:00Z,Ads,,`,
      ),
    );
    expect(error.code).toBe('ATTRIBUTION_TOUCHPOINT_IMPORT_INVALID');
    expect(await count()).toBe(0);
  });

  test('importing the same file twice stores each touch once (quoted commas kept), with an audit row', async () => {
    expect(await importTouchpoints(database.db, portal, CSV)).toEqual({ touchpoints: 3, deals: 2 });
    await importTouchpoints(database.db, portal, CSV);
    const rows = await database.db
      .selectFrom('attribution_touchpoints')
      .select(['deal_id', 'touch_id', 'campaign', 'source'])
      .where('portal_id', '=', portal)
      .orderBy('touch_id')
      .execute();
    expect(rows).toEqual([
      { deal_id: '101', touch_id: 't1', campaign: 'Spring webinar', source: 'import' },
      { deal_id: '101', touch_id: 't2', campaign: 'Paid search, brand', source: 'import' },
      { deal_id: '102', touch_id: 't3', campaign: 'Spring webinar', source: 'import' },
    ]);
    const audits = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('portal_id', '=', portal)
      .where('action', '=', 'attribution.touchpoints-imported')
      .execute();
    expect(audits).toHaveLength(2);
  });

  test('the report attributes stored amounts of deals won in the period; campaigns sum to the deals’ totals', async () => {
    await attributionRepository.upsertDealFacts(database.db, portal, {
      dealId: '101',
      currency: 'USD',
      quoted: '1000.00',
      contracted: '900.00',
      closedWonAt: '2026-02-01T00:00:00Z',
    });
    await attributionRepository.upsertDealFacts(database.db, portal, {
      dealId: '102',
      currency: 'USD',
      quoted: '500',
      closedWonAt: '2026-02-15T00:00:00Z',
    });
    await attributionRepository.upsertDealFacts(database.db, portal, {
      dealId: '103',
      currency: 'USD',
      quoted: '70',
      closedWonAt: '2026-02-20T00:00:00Z',
    });
    // Outside the period and in another portal: never counted.
    await attributionRepository.upsertDealFacts(database.db, portal, {
      dealId: '199',
      currency: 'USD',
      quoted: '5',
      closedWonAt: '2026-05-01T00:00:00Z',
    });
    await attributionRepository.upsertDealFacts(database.db, other, {
      dealId: '101',
      currency: 'USD',
      quoted: '9999',
      closedWonAt: '2026-02-01T00:00:00Z',
    });
    const report = await buildAttributionReport(database.db, portal, {
      model: 'linear',
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(report.byCampaign).toEqual([
      {
        campaign: 'Paid search, brand',
        currency: 'USD',
        deals: 1,
        quoted: '500.00',
        contracted: '450.00',
        invoiced: '0.00',
        collected: '0.00',
      },
      {
        campaign: 'Spring webinar',
        currency: 'USD',
        deals: 2,
        quoted: '1000.00',
        contracted: '450.00',
        invoiced: '0.00',
        collected: '0.00',
      },
      {
        campaign: null,
        currency: 'USD',
        deals: 1,
        quoted: '70.00',
        contracted: '0.00',
        invoiced: '0.00',
        collected: '0.00',
      },
    ]);
    expect(report.touchSources).toEqual(['import']);
    expect(reportToCsv(report)).toBe(
      'campaign,currency,deals,quoted,contracted,invoiced,collected\n' +
        '"Paid search, brand",USD,1,500.00,450.00,0.00,0.00\n' +
        'Spring webinar,USD,2,1000.00,450.00,0.00,0.00\n' +
        ',USD,1,70.00,0.00,0.00,0.00\n',
    );
  });

  test('a deal’s path shows each touch’s share of its amounts', async () => {
    const path = await buildDealAttribution(database.db, portal, '101', 'first-interaction');
    expect(path.byDeal[0]?.touchpoints.map((t) => [t.id, t.weight, t.quoted])).toEqual([
      ['t1', '1', '1000.00'],
      ['t2', '0', '0.00'],
    ]);
  });

  test('updating one fact keeps the others (amounts arrive from different modules at different times)', async () => {
    await attributionRepository.upsertDealFacts(database.db, portal, {
      dealId: '101',
      currency: 'USD',
      collected: '250',
    });
    const row = await database.db
      .selectFrom('attribution_deals')
      .select(['quoted', 'contracted', 'collected'])
      .where('portal_id', '=', portal)
      .where('deal_id', '=', '101')
      .executeTakeFirstOrThrow();
    expect([row.quoted, row.contracted, row.collected]).toEqual(['1000.00', '900.00', '250']);
  });
});
