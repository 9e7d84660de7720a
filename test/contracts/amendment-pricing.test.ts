import { AmendmentRequestSchema } from '../../src/modules/contracts/domain/amendment-request-schema.ts';
import { priceAmendment } from '../../src/modules/contracts/domain/amendment-pricing.ts';
import { amendmentExample, issuesOf, parseAmendment } from './contract-pricing-fixtures.ts';

// Salesforce CPQ help, "Amend Your Contracts" and "Co-Termination": an amendment's lines end on the
// contract end date and are prorated over what is left of the term; existing subscriptions keep their
// price and only change quantity (a decrease is a negative line).
describe('cpq amend: co-termination', () => {
  test('adding 5 seats half-way through a 12-month contract prices 5 x 1200 x 6/12 = 3000.00', () => {
    const response = priceAmendment(parseAmendment(amendmentExample({ amendment: { lines: [] } })));
    expect(response.lines).toHaveLength(1);
    expect(response.lines[0]).toMatchObject({
      id: 's1',
      sku: 'SEAT',
      quantity: '5',
      prorateMultiplier: '0.5',
      listUnitPrice: '1200',
      netUnitPrice: '600',
      netTotal: '3000.00',
    });
    expect(response.totals).toMatchObject({
      netTotal: '3000.00',
      recurringTotal: '3000.00',
      mrr: '500.00',
      arr: '6000.00',
    });
  });

  test('monthly+daily: from 2025-07-15 the remaining term is 5 months + 17 days x 12/365 (PM 2029/4380)', () => {
    const response = priceAmendment(
      parseAmendment(amendmentExample({ amendment: { startDate: '2025-07-15', lines: [] } })),
    );
    const line = response.lines[0];
    // (5 x 365 + 17 x 12) / (365 x 12) = 2029 / 4380, kept at full precision.
    expect(line?.prorateMultiplier).toBe('0.4632420091324200913242009132420091324201');
    // 1200 x 2029/4380 x 5 = 2779.452... -> 2779.45
    expect(line?.netTotal).toBe('2779.45');
  });

  test('month precision rounds a partial remaining month up: from 2025-07-15 the remaining term is 6 months', () => {
    const response = priceAmendment(
      parseAmendment(
        amendmentExample({ amendment: { startDate: '2025-07-15', prorationPrecision: 'month', lines: [] } }),
      ),
    );
    expect(response.lines[0]).toMatchObject({ prorateMultiplier: '0.5', netTotal: '3000.00' });
  });

  test('a decrease is a negative line: 10 -> 4 seats from October 1 credits 6 x 1200 x 3/12 = -1800.00', () => {
    const response = priceAmendment(
      parseAmendment(amendmentExample({ amendment: { startDate: '2025-10-01', quantities: { s1: '4' }, lines: [] } })),
    );
    expect(response.lines[0]).toMatchObject({ quantity: '-6', prorateMultiplier: '0.25', netTotal: '-1800.00' });
    expect(response.totals).toMatchObject({ netTotal: '-1800.00', arr: '-7200.00' });
  });

  test('cancelling a subscription is an amendment to quantity 0 (a negative line for the whole quantity)', () => {
    const response = priceAmendment(
      parseAmendment(amendmentExample({ amendment: { startDate: '2025-10-01', quantities: { s1: '0' }, lines: [] } })),
    );
    expect(response.lines[0]).toMatchObject({ quantity: '-10', netTotal: '-3000.00' });
  });

  test('an unchanged subscription produces no line (same quantity written differently included)', () => {
    const response = priceAmendment(
      parseAmendment(amendmentExample({ amendment: { quantities: { s1: '10.00' }, lines: [] } })),
    );
    expect(response.lines).toEqual([]);
    expect(response.totals.netTotal).toBe('0.00');
  });

  test('no discount is applied again to a subscription change: partner and distributor discounts skip it', () => {
    const response = priceAmendment(
      parseAmendment(
        amendmentExample({ account: { partnerDiscountPercent: '20', distributorDiscountPercent: '5' }, amendment: {} }),
      ),
    );
    const [seat, addon] = response.lines;
    expect(seat).toMatchObject({ id: 's1', netUnitPrice: '600', netTotal: '3000.00' });
    // The new product is priced from the catalog with the account's discounts: 120 x 0.5 x 0.8 x 0.95.
    expect(addon).toMatchObject({
      id: 'n1',
      sku: 'ADDON',
      prorateMultiplier: '0.5',
      netUnitPrice: '45.6',
      netTotal: '456.00',
    });
  });

  test('a new product is co-terminated: its term runs from the amendment start to the contract end', () => {
    const response = priceAmendment(
      parseAmendment(
        amendmentExample({ amendment: { startDate: '2025-07-01', quantities: {}, prorationPrecision: 'day' } }),
      ),
    );
    // day precision: 184 days x 12/365 / 12 months = 184/365
    expect(response.lines[0]).toMatchObject({
      id: 'n1',
      prorateMultiplier: '0.5041095890410958904109589041095890410959',
    });
    // 10 x 120 x 184/365 = 604.931... -> 604.93
    expect(response.lines[0]?.netTotal).toBe('604.93');
  });

  test('a one-time product added by an amendment is not prorated', () => {
    const response = priceAmendment(
      parseAmendment(
        amendmentExample({ amendment: { quantities: {}, lines: [{ id: 'n2', sku: 'SETUP', quantity: '1' }] } }),
      ),
    );
    expect(response.lines[0]).toMatchObject({ id: 'n2', prorateMultiplier: null, netTotal: '500.00' });
    expect(response.totals).toMatchObject({ oneTimeTotal: '500.00', recurringTotal: '0.00', mrr: '0.00' });
  });

  test('a subscription starting after the amendment start is prorated from its own start', () => {
    const request = amendmentExample({ amendment: { startDate: '2025-03-01', lines: [] } });
    const contract = request.contract as { subscriptions: Record<string, string>[] };
    contract.subscriptions = [{ ...contract.subscriptions[0], startDate: '2025-07-01' }];
    const response = priceAmendment(parseAmendment(request));
    expect(response.lines[0]).toMatchObject({ prorateMultiplier: '0.5', netTotal: '3000.00' });
  });

  test('subscription lines come first, in contract order, then the new lines in request order', () => {
    const response = priceAmendment(parseAmendment(amendmentExample()));
    expect(response.lines.map((line) => line.id)).toEqual(['s1', 'n1']);
    expect(response.totals).toMatchObject({ netTotal: '3600.00', listTotal: '3600.00', tcv: '3600.00' });
  });
});

describe('cpq amend: invalid input', () => {
  test('an amendment starting before the contract start is invalid', () => {
    expect(issuesOf(AmendmentRequestSchema, amendmentExample({ amendment: { startDate: '2024-12-31' } }))).toEqual([
      { path: 'amendment.startDate', message: 'the amendment starts before the contract start 2025-01-01' },
    ]);
  });

  test('an amendment starting after the contract end is invalid', () => {
    expect(
      issuesOf(AmendmentRequestSchema, amendmentExample({ amendment: { startDate: '2026-01-01' } })),
    ).toContainEqual({
      path: 'amendment.startDate',
      message: 'the amendment starts after the contract end 2025-12-31',
    });
  });

  test('an amendment on the contract end date is valid (one day left)', () => {
    const response = priceAmendment(
      parseAmendment(
        amendmentExample({ amendment: { startDate: '2025-12-31', prorationPrecision: 'day', lines: [] } }),
      ),
    );
    expect(response.lines[0]?.netTotal).toBe('16.44'); // 5 x 1200 x 1/365
  });

  test('an unknown field is invalid input (strict request)', () => {
    const request = amendmentExample({ amendment: { seats: '3' } });
    expect(issuesOf(AmendmentRequestSchema, request)[0]?.path).toBe('amendment');
    const top = { ...amendmentExample(), extra: true };
    expect(issuesOf(AmendmentRequestSchema, top).length).toBeGreaterThan(0);
  });

  test('a quantity for a subscription the contract does not have is invalid', () => {
    expect(issuesOf(AmendmentRequestSchema, amendmentExample({ amendment: { quantities: { s9: '1' } } }))).toEqual([
      { path: 'amendment.quantities.s9', message: 'no subscription with id "s9" in the contract' },
    ]);
  });

  test('a new line reusing a subscription id is invalid', () => {
    const request = amendmentExample({ amendment: { lines: [{ id: 's1', sku: 'ADDON', quantity: '1' }] } });
    expect(issuesOf(AmendmentRequestSchema, request)).toEqual([
      { path: 'amendment.lines.0.id', message: 'duplicate id "s1"' },
    ]);
  });

  test('a negative new total quantity and an unknown precision are invalid', () => {
    const request = amendmentExample({ amendment: { quantities: { s1: '-1' }, prorationPrecision: 'weekly' } });
    expect(issuesOf(AmendmentRequestSchema, request).map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['amendment.quantities.s1', 'amendment.prorationPrecision']),
    );
  });

  test('catalog checks of cpq price apply (unknown discount schedule id)', () => {
    const request = amendmentExample();
    const catalog = request.catalog as { products: Record<string, unknown>[] };
    catalog.products[0] = { ...catalog.products[0], discountSchedule: 'NOPE' };
    expect(issuesOf(AmendmentRequestSchema, request)).toEqual([
      { path: 'catalog.products.0.discountSchedule', message: 'no discount schedule with id "NOPE"' },
    ]);
  });
});
