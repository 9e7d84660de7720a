import { RenewalRequestSchema } from '../../src/modules/contracts/domain/renewal-request-schema.ts';
import { priceRenewals } from '../../src/modules/contracts/domain/renewal-pricing.ts';
import { issuesOf, parseRenewal, renewalExample } from './contract-pricing-fixtures.ts';

type Sub = Record<string, string | null>;
const seat = (id: string, extra: Sub = {}): Sub => ({
  id,
  sku: 'SEAT',
  quantity: '10',
  listUnitPrice: '1200',
  customerUnitPrice: '1080',
  termMonths: '12',
  ...extra,
});
const seatWithout = (id: string, field: string): Sub =>
  Object.fromEntries(Object.entries(seat(id)).filter(([key]) => key !== field));
const contract = (id: string, endDate: string, pricing: string, subscriptions: Sub[], extra: object = {}): object => ({
  id,
  endDate,
  renewalGroup: null,
  renewalPricing: pricing,
  subscriptions,
  ...extra,
});

function renew(contracts: object[], extra: object = {}) {
  return priceRenewals(parseRenewal(renewalExample(contracts, extra)));
}

// Salesforce CPQ help, "Renewal Pricing Methods" / "Contract Renewal and Uplift".
describe('cpq renew: renewal pricing methods', () => {
  test('same keeps the customer unit price; the renewal starts the day after the contract end', () => {
    const [renewal] = renew([contract('c1', '2025-12-31', 'same', [seat('s1')])]).renewals;
    expect(renewal).toMatchObject({ contractIds: ['c1'], startDate: '2026-01-01', endDate: '2026-12-31' });
    expect(renewal?.pricing.lines[0]).toMatchObject({
      id: 's1',
      sku: 'SEAT',
      contractId: 'c1',
      listUnitPrice: '1200',
      customerUnitPrice: '1080',
      netUnitPrice: '1080',
      netTotal: '10800.00',
    });
    expect(renewal?.pricing.totals).toMatchObject({ netTotal: '10800.00', arr: '10800.00' });
  });

  test('same scales the price by renewal term / subscription term: 24 months of a 12-month price is 2160', () => {
    const [renewal] = renew([contract('c1', '2025-12-31', 'same', [seat('s1')])], { renewalTermMonths: '24' }).renewals;
    expect(renewal).toMatchObject({ startDate: '2026-01-01', endDate: '2027-12-31' });
    expect(renewal?.pricing.lines[0]).toMatchObject({ customerUnitPrice: '2160', netTotal: '21600.00' });
  });

  test('uplift applies the contract uplift: 1080 x 1.03 = 1112.4', () => {
    const [renewal] = renew([contract('c1', '2025-12-31', 'uplift', [seat('s1')], { upliftPercent: '3' })]).renewals;
    expect(renewal?.pricing.lines[0]).toMatchObject({ customerUnitPrice: '1112.4', netTotal: '11124.00' });
  });

  test("a subscription's uplift beats its contract's: 7% over 3% gives 1080 x 1.07 = 1155.6", () => {
    const response = priceRenewals(parseRenewal(renewalExample()));
    expect(response.renewals[0]?.pricing.lines[0]).toMatchObject({
      listUnitPrice: '1200',
      customerUnitPrice: '1155.6',
      netTotal: '11556.00',
    });
  });

  test('uplift without any uplift percent renews at the same price', () => {
    const [renewal] = renew([contract('c1', '2025-12-31', 'uplift', [seat('s1')])]).renewals;
    expect(renewal?.pricing.lines[0]?.customerUnitPrice).toBe('1080');
  });

  test('list reprices from the catalog with no additional discount', () => {
    const [renewal] = renew([contract('c1', '2025-12-31', 'list', [seat('s1')])]).renewals;
    expect(renewal?.pricing.lines[0]).toMatchObject({
      listUnitPrice: '1300',
      customerUnitPrice: '1300',
      netTotal: '13000.00',
    });
  });

  test('partner and distributor discounts of the account apply after the renewal price', () => {
    const request = renewalExample([contract('c1', '2025-12-31', 'same', [seat('s1')])], {
      account: { partnerDiscountPercent: '10', distributorDiscountPercent: '5' },
    });
    const line = priceRenewals(parseRenewal(request)).renewals[0]?.pricing.lines[0];
    // 1080 -> partner 972 -> distributor 923.4
    expect(line).toMatchObject({ customerUnitPrice: '1080', partnerUnitPrice: '972', netUnitPrice: '923.4' });
  });

  test('a subscription with quantity 0 (cancelled) is not renewed', () => {
    const [renewal] = renew([
      contract('c1', '2025-12-31', 'same', [seat('s1'), seat('s2', { quantity: '0' })]),
    ]).renewals;
    expect(renewal?.pricing.lines.map((line) => line.id)).toEqual(['s1']);
  });

  test('the waterfall says how the renewal price was set', () => {
    const line = priceRenewals(parseRenewal(renewalExample())).renewals[0]?.pricing.lines[0];
    expect(line?.waterfall.map((step) => step.detail)).toEqual([
      'subscription s1 list unit price (as given)',
      'renewal pricing uplift 7% (subscription): 1080 x 1.07',
      '12 months / default term 12 months',
    ]);
  });
});

// Salesforce CPQ help, "Co-Termination" (renewal co-termination of contracts in one group).
describe('cpq renew: renewal groups co-terminate', () => {
  test('contracts without a group renew separately', () => {
    const response = renew([
      contract('c1', '2025-12-31', 'same', [seat('s1')]),
      contract('c2', '2026-03-31', 'same', [seat('s2')]),
    ]);
    expect(response.renewals.map((r) => [r.contractIds, r.startDate, r.endDate])).toEqual([
      [['c1'], '2026-01-01', '2026-12-31'],
      [['c2'], '2026-04-01', '2027-03-31'],
    ]);
  });

  test("a group renews once, from the day after its earliest end; a later subscription is prorated to the renewal's end", () => {
    const response = renew([
      contract('c2', '2026-03-31', 'same', [seat('s2')], { renewalGroup: 'ACME' }),
      contract('c1', '2025-12-31', 'same', [seat('s1')], { renewalGroup: 'ACME' }),
    ]);
    expect(response.renewals).toHaveLength(1);
    const [renewal] = response.renewals;
    expect(renewal).toMatchObject({ contractIds: ['c2', 'c1'], startDate: '2026-01-01', endDate: '2026-12-31' });
    // s2 runs 2026-04-01..2026-12-31 = 9 months: 1080 x 9/12 = 810
    expect(
      renewal?.pricing.lines.map((l) => [l.id, l.contractId, l.prorateMultiplier, l.customerUnitPrice, l.netTotal]),
    ).toEqual([
      ['s2', 'c2', '0.75', '810', '8100.00'],
      ['s1', 'c1', '1', '1080', '10800.00'],
    ]);
    expect(renewal?.pricing.totals.netTotal).toBe('18900.00');
  });

  test('co-terminated proration is monthly+daily: 2026-03-16..2026-12-31 is 9 months + 16 days x 12/365', () => {
    const [renewal] = renew([
      contract('c1', '2025-12-31', 'same', [seat('s1')], { renewalGroup: 'G' }),
      contract('c2', '2026-03-15', 'list', [seat('s2')], { renewalGroup: 'G' }),
    ]).renewals;
    const line = renewal?.pricing.lines[1];
    // (9 x 365 + 16 x 12) / (365 x 12) = 3477/4380; list 1300 x 3477/4380 x 10 = 10319.863... -> 10319.86
    expect(line).toMatchObject({
      id: 's2',
      prorateMultiplier: '0.7938356164383561643835616438356164383562',
      netTotal: '10319.86',
    });
  });

  test('a contract of the group ending after the renewal would end is invalid input', () => {
    const request = renewalExample([
      contract('c1', '2025-12-31', 'same', [seat('s1')], { renewalGroup: 'G' }),
      contract('c2', '2027-01-31', 'same', [seat('s2')], { renewalGroup: 'G' }),
    ]);
    expect(issuesOf(RenewalRequestSchema, request)).toEqual([
      { path: 'contracts.1.endDate', message: 'ends after the renewal of its group (2026-01-01..2026-12-31)' },
    ]);
  });

  test('subscription ids must be unique within a renewal group', () => {
    const request = renewalExample([
      contract('c1', '2025-12-31', 'same', [seat('s1')], { renewalGroup: 'G' }),
      contract('c2', '2026-01-31', 'same', [seat('s1')], { renewalGroup: 'G' }),
    ]);
    expect(issuesOf(RenewalRequestSchema, request)).toEqual([
      { path: 'contracts.1.subscriptions.0.id', message: 'duplicate id "s1"' },
    ]);
  });
});

describe('cpq renew: invalid input', () => {
  test('an unknown field or renewal pricing method is invalid', () => {
    const unknown = renewalExample([contract('c1', '2025-12-31', 'same', [seat('s1', { colour: 'red' })])]);
    expect(issuesOf(RenewalRequestSchema, unknown)[0]?.path).toBe('contracts.0.subscriptions.0');
    const method = renewalExample([contract('c1', '2025-12-31', 'discount', [seat('s1')])]);
    expect(issuesOf(RenewalRequestSchema, method)[0]?.path).toBe('contracts.0.renewalPricing');
  });

  test('same and uplift need the customer unit price; the renewal term is whole months', () => {
    const noPrice = renewalExample([contract('c1', '2025-12-31', 'same', [seatWithout('s1', 'customerUnitPrice')])]);
    expect(issuesOf(RenewalRequestSchema, noPrice).map((i) => i.path)).toContain(
      'contracts.0.subscriptions.0.customerUnitPrice',
    );
    const halfMonth = renewalExample(undefined, { renewalTermMonths: '12.5' });
    expect(issuesOf(RenewalRequestSchema, halfMonth)).toEqual([
      { path: 'renewalTermMonths', message: 'must be a whole number of months' },
    ]);
  });
});
