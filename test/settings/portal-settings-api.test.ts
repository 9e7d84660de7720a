import type { QuoteView } from '../../extensions/app/cards/api/card-api-schemas.ts';
import type { PortalSettingsResponse } from '../../extensions/app/cards/api/settings-api-schemas.ts';
import { grantRole } from '../../src/modules/tenancy/role-repository.ts';
import { errorOf } from '../support/http-harness.ts';
import { DATABASE_LABEL } from '../support/test-database.ts';
import { PORTAL, USER, startQuoteApi, type QuoteApiHarness } from '../quotes/quote-api-harness.ts';

// 1 x 10.125 = 10.125: HALF_UP gives 10.13, HALF_EVEN 10.12 (docs/pricing.md (money and rounding)).
const CATALOG = JSON.stringify({
  products: [{ sku: 'HALF', name: 'Half cent', prices: { USD: '10.125', SEK: '101.25' } }],
});
const DAY = 86_400_000;

describe(`per-portal quote settings on ${DATABASE_LABEL}`, () => {
  let api: QuoteApiHarness;
  beforeEach(async () => {
    api = await startQuoteApi();
    await api.importProducts(CATALOG);
  });
  afterEach(async () => api.close());

  async function json<T>(response: Response, status = 200): Promise<T> {
    if (response.status !== status)
      throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  const halfEven = { roundingMode: 'half-even', quoteExpiryDays: 14, allowedCurrencies: ['SEK', 'USD'] };

  test('a portal without settings reads the defaults: HALF_UP, 30 days, the default currency list', async () => {
    expect(await json<PortalSettingsResponse>(await api.call('GET', '/v1/settings'))).toEqual({
      roundingMode: 'half-up',
      quoteExpiryDays: 30,
      allowedCurrencies: ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY'],
      updatedAt: null,
    });
  });

  test('only an admin may change settings; the change and its before/after are audited, other portals unaffected', async () => {
    const refused = await api.call('PUT', '/v1/settings', halfEven);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('ROLE_REQUIRED');
    expect(
      await api.http.database.db
        .selectFrom('portal_settings')
        .select('portal_id')
        .where('portal_id', '=', PORTAL)
        .execute(),
    ).toEqual([]);

    await grantRole(api.http.database.db, PORTAL, USER, 'admin', null);
    const saved = await json<PortalSettingsResponse>(await api.call('PUT', '/v1/settings', halfEven));
    expect(saved).toMatchObject(halfEven);
    expect(await json<PortalSettingsResponse>(await api.call('GET', '/v1/settings'))).toEqual(saved);
    expect(
      (await json<PortalSettingsResponse>(await api.call('GET', '/v1/settings', undefined, 202))).roundingMode,
    ).toBe('half-up');

    const audit = await api.http.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'details'])
      .where('portal_id', '=', PORTAL)
      .where('action', '=', 'settings.changed')
      .execute();
    expect(audit).toEqual([
      {
        action: 'settings.changed',
        actor_user_id: USER,
        details: {
          before: {
            roundingMode: 'half-up',
            quoteExpiryDays: 30,
            allowedCurrencies: ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY'],
          },
          after: halfEven,
        },
      },
    ]);
  });

  test('invalid settings are a 400 naming each field, and nothing is written', async () => {
    await grantRole(api.http.database.db, PORTAL, USER, 'admin', null);
    const bad = await api.call('PUT', '/v1/settings', {
      roundingMode: 'banker',
      quoteExpiryDays: 0,
      allowedCurrencies: ['usd'],
    });
    expect(bad.status).toBe(400);
    const error = await errorOf(bad);
    expect(error.code).toBe('SETTINGS_INVALID');
    expect((error.issues ?? []).map((issue) => issue.path).sort()).toEqual([
      'allowedCurrencies.0',
      'quoteExpiryDays',
      'roundingMode',
    ]);
    expect(
      await api.http.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('portal_id', '=', PORTAL)
        .where('action', '=', 'settings.changed')
        .execute(),
    ).toEqual([]);
  });

  test('allowedCurrencies must be ISO 4217 codes with minor units and must not be empty: 400 naming each, nothing written', async () => {
    await grantRole(api.http.database.db, PORTAL, USER, 'admin', null);
    const before = await api.http.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('portal_id', '=', PORTAL)
      .execute();
    const made = await api.call('PUT', '/v1/settings', {
      roundingMode: 'half-up',
      quoteExpiryDays: 30,
      allowedCurrencies: ['USD', 'ZZZ', 'XTS'],
    });
    expect(made.status).toBe(400);
    const error = await errorOf(made);
    expect(error.code).toBe('SETTINGS_INVALID');
    expect(error.issues).toEqual([
      { path: 'allowedCurrencies.1', message: 'ZZZ is not an ISO 4217 currency' },
      { path: 'allowedCurrencies.2', message: 'XTS is not an ISO 4217 currency' },
    ]);
    const empty = await api.call('PUT', '/v1/settings', {
      roundingMode: 'half-up',
      quoteExpiryDays: 30,
      allowedCurrencies: [],
    });
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).issues.map((issue) => issue.path)).toEqual(['allowedCurrencies']);
    const after = await api.http.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('portal_id', '=', PORTAL)
      .execute();
    expect(after).toEqual(before);
  });

  test('quotes are priced with the portal rounding mode and expire after the portal number of days', async () => {
    const before = await json<QuoteView>(
      await api.call('POST', '/v1/deals/6001/quotes', { currency: 'USD', lines: [{ sku: 'HALF', quantity: '1' }] }),
      201,
    );
    expect(before.totals.netTotal).toBe('10.13');
    expect(before.expirationDate).toBe(new Date(api.http.now.value + 30 * DAY).toISOString().slice(0, 10));

    await grantRole(api.http.database.db, PORTAL, USER, 'admin', null);
    await json(await api.call('PUT', '/v1/settings', halfEven));
    const after = await json<QuoteView>(
      await api.call('POST', '/v1/deals/6002/quotes', { currency: 'USD', lines: [{ sku: 'HALF', quantity: '1' }] }),
      201,
    );
    expect(after.totals.netTotal).toBe('10.12');
    expect(after.expirationDate).toBe(new Date(api.http.now.value + 14 * DAY).toISOString().slice(0, 10));
    const draft = await json<QuoteView>(
      await api.call('POST', '/v1/deals/6003/quotes/price', {
        currency: 'USD',
        lines: [{ sku: 'HALF', quantity: '1' }],
      }),
    );
    expect(draft.totals.netTotal).toBe('10.12');
    // The saved quote reprices with the portal's mode of its next save.
    const resaved = await json<QuoteView>(await api.call('PATCH', `/v1/quotes/${before.id}`, { title: 'again' }));
    expect(resaved.totals.netTotal).toBe('10.12');
  });

  test('a quote currency must be one the portal allows', async () => {
    const refused = await api.call('POST', '/v1/deals/6004/quotes', { currency: 'SEK', lines: [] });
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toMatchObject({
      code: 'QUOTE_CURRENCY_NOT_ALLOWED',
      issues: [{ path: 'currency', message: 'must be one of USD, EUR, GBP, CAD, AUD, CHF, JPY' }],
    });

    await grantRole(api.http.database.db, PORTAL, USER, 'admin', null);
    await json(await api.call('PUT', '/v1/settings', halfEven));
    const sek = await json<QuoteView>(
      await api.call('POST', '/v1/deals/6004/quotes', { currency: 'SEK', lines: [{ sku: 'HALF', quantity: '1' }] }),
      201,
    );
    expect(sek.totals.netTotal).toBe('101.25');
    const toEur = await api.call('PATCH', `/v1/quotes/${sek.id}`, { currency: 'EUR' });
    expect(toEur.status).toBe(400);
    expect((await errorOf(toEur)).code).toBe('QUOTE_CURRENCY_NOT_ALLOWED');
  });
});
