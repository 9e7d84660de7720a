import { AppError } from '../../../src/kernel/errors/app-error.ts';
import { parseInput } from '../../../src/kernel/errors/parse-input.ts';
import { PRICING_MESSAGE_CODES } from '../../../src/modules/pricing/domain/pricing-messages.ts';
import { PricingRequestSchema } from '../../../src/modules/pricing/domain/pricing-request-schema.ts';

const valid = () => ({
  currency: 'USD',
  catalog: {
    products: [{ sku: 'LAPTOP', prices: { USD: '100' }, discountSchedule: 'VOL' }],
    discountSchedules: [
      {
        id: 'VOL',
        type: 'range',
        tiers: [
          { lowerBound: '1', upperBound: '10', value: '10' },
          { lowerBound: '10', value: '20' },
        ],
      },
    ],
  },
  lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '30' }],
});

/** The issues of the validation AppError the request raises (each bad field named by path). */
function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseInput(PricingRequestSchema, input, 'PRICING_REQUEST_INVALID');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect([error.kind, error.code]).toEqual(['validation', 'PRICING_REQUEST_INVALID']);
    return error.issues;
  }
  throw new Error('request was accepted');
}

const paths = (input: unknown) => issuesOf(input).map((issue) => issue.path);

describe('pricing request validation (invalid requests are 400 / exit 2 naming each bad field)', () => {
  test('a valid request parses unchanged: decimals stay exact strings ("30", "30.0" both accepted)', () => {
    const request = valid();
    request.lines.push({ id: 'l2', sku: 'LAPTOP', quantity: '30.0' });
    expect(PricingRequestSchema.parse(request)).toEqual(request);
  });

  test('non-decimal strings and numbers are rejected at their paths', () => {
    const request = valid();
    const bad = {
      ...request,
      lines: [
        { id: 'l1', sku: 'LAPTOP', quantity: '1e3' },
        { id: 'l2', sku: 'LAPTOP', quantity: 30 },
      ],
    };
    expect(issuesOf(bad)).toEqual([
      { path: 'lines.0.quantity', message: 'must be an exact decimal string such as "30" or "30.00"' },
      { path: 'lines.1.quantity', message: 'Invalid input: expected string, received number' },
    ]);
  });

  test('an unknown currency code is rejected, in the quote and as a price key', () => {
    const request = valid();
    expect(issuesOf({ ...request, currency: 'XYZ' })).toEqual([
      { path: 'currency', message: 'unknown ISO 4217 currency code "XYZ"' },
    ]);
    const products = [{ sku: 'LAPTOP', prices: { USD: '1', HRK: '7' }, discountSchedule: 'VOL' }];
    expect(issuesOf({ ...request, catalog: { ...request.catalog, products } })).toEqual([
      { path: 'catalog.products.0.prices.HRK', message: 'unknown ISO 4217 currency code "HRK"' },
    ]);
  });

  test('end before start is rejected at term.endDate (quote and line terms)', () => {
    const request = valid();
    const term = { startDate: '2026-03-01', endDate: '2026-02-28' };
    expect(paths({ ...request, term })).toEqual(['term.endDate']);
    expect(paths({ ...request, lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1', term }] })).toEqual([
      'lines.0.term.endDate',
    ]);
    expect(paths({ ...request, term: { startDate: '2026-02-30', endDate: '2026-03-01' } })).toEqual(['term.startDate']);
    expect(paths({ ...request, term: { months: '12', startDate: '2026-01-01', endDate: '2026-12-31' } })).toEqual([
      'term.months',
    ]);
    expect(paths({ ...request, term: { months: '0' } })).toEqual(['term.months']);
  });

  test('misspelt fields are rejected rather than silently ignored', () => {
    const request = valid();
    expect(
      issuesOf({
        ...request,
        lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1', additonalDiscount: { percent: '10' } }],
      }),
    ).toEqual([{ path: 'lines.0', message: 'Unrecognized key: "additonalDiscount"' }]);
  });

  test('discount percents above 100 and ambiguous discounts are rejected', () => {
    const request = valid();
    expect(
      paths({
        ...request,
        lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1', additionalDiscount: { percent: '100.01' } }],
      }),
    ).toEqual(['lines.0.additionalDiscount.percent']);
    expect(
      paths({
        ...request,
        lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1', additionalDiscount: { percent: '1', amount: '1' } }],
      }),
    ).toEqual(['lines.0.additionalDiscount']);
    expect(paths({ ...request, account: { partnerDiscountPercent: '101' } })).toEqual([
      'account.partnerDiscountPercent',
    ]);
  });

  test('duplicates and dangling references are rejected: line ids, skus, schedule ids, schedule references', () => {
    const request = valid();
    const product = request.catalog.products[0];
    expect(
      paths({
        ...request,
        catalog: {
          products: [product, { ...product, discountSchedule: 'NOPE' }],
          discountSchedules: request.catalog.discountSchedules,
        },
        lines: [...request.lines, ...request.lines],
      }),
    ).toEqual(['catalog.products.1.sku', 'lines.1.id', 'catalog.products.1.discountSchedule']);
  });

  test('a term discount schedule must be range-only', () => {
    const request = valid();
    const catalog = {
      products: [{ sku: 'LAPTOP', prices: { USD: '100' }, termDiscountSchedule: 'VOL' }],
      discountSchedules: [{ ...request.catalog.discountSchedules[0], type: 'slab' }],
    };
    expect(issuesOf({ ...request, catalog })).toEqual([
      { path: 'catalog.products.0.termDiscountSchedule', message: 'a term discount schedule must be of type "range"' },
    ]);
  });

  test('tiers must ascend without overlapping; block pricing allows at most 50 tiers', () => {
    const request = valid();
    const overlapping = [
      { lowerBound: '1', upperBound: '10', value: '10' },
      { lowerBound: '5', value: '20' },
    ];
    expect(
      paths({
        ...request,
        catalog: { ...request.catalog, discountSchedules: [{ id: 'VOL', type: 'range', tiers: overlapping }] },
      }),
    ).toEqual(['catalog.discountSchedules.0.tiers.1.lowerBound']);
    const tiers = Array.from({ length: 51 }, (_, i) => ({
      lowerBound: `${i + 1}`,
      upperBound: `${i + 2}`,
      price: { USD: '1' },
    }));
    const block = { sku: 'B', pricingMethod: 'block', blockTiers: tiers };
    expect(issuesOf({ ...request, catalog: { products: [block] }, lines: [] })).toEqual([
      { path: 'catalog.products.0.blockTiers', message: 'Too big: expected array to have <=50 items' },
    ]);
  });

  test('each pricing method needs its data: cost-plus cost and markup, block tiers, percent-of-total config', () => {
    const request = valid();
    const products = [
      { sku: 'C', pricingMethod: 'cost-plus' },
      { sku: 'B', pricingMethod: 'block' },
      { sku: 'P', pricingMethod: 'percent-of-total' },
    ];
    expect(paths({ ...request, catalog: { products }, lines: [] })).toEqual([
      'catalog.products.0.cost',
      'catalog.products.0.markup',
      'catalog.products.1.blockTiers',
      'catalog.products.2.percentOfTotal',
    ]);
  });

  test('amount schedules take amounts per currency, percent schedules a decimal', () => {
    const request = valid();
    const schedule = { id: 'VOL', type: 'range', unit: 'amount', tiers: [{ lowerBound: '1', value: '5' }] };
    expect(paths({ ...request, catalog: { ...request.catalog, discountSchedules: [schedule] } })).toEqual([
      'catalog.discountSchedules.0.tiers.0.value',
    ]);
  });

  test('message codes are a stable public list', () => {
    expect(PRICING_MESSAGE_CODES).toEqual([
      'UNKNOWN_SKU',
      'NO_PRICE_IN_CURRENCY',
      'NO_COST_IN_CURRENCY',
      'QUANTITY_OUTSIDE_BLOCK_TIERS',
      'NEGATIVE_NET',
      'SCHEDULE_NOT_APPLICABLE_IN_CURRENCY',
      'CONTRACTED_PRICE_NOT_IN_CURRENCY',
      'PERCENT_OF_TOTAL_NO_COVERED_LINES',
    ]);
  });
});
