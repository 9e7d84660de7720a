import { laptop, lineOf, price, priceLine, stepsOf, volumeSchedule } from './pricing-fixtures.ts';

const channel = { partnerDiscountPercent: '20', distributorDiscountPercent: '5' };

describe('worked examples', () => {
  test('§1 example: 10 units at 234.56 with 20% discount net 1,876.48 (discount on the full-precision unit price 187.648)', () => {
    const line = priceLine({
      products: [{ sku: 'X', prices: { USD: '234.56' } }],
      lines: [{ id: 'l1', sku: 'X', quantity: '10', additionalDiscount: { percent: '20' } }],
    });
    expect(line.netUnitPrice).toBe('187.648');
    expect(line.netTotal).toBe('1876.48');
  });

  test('§2 example: list 100, additional 10%, partner 20%, distributor 5% -> 100 -> 90 -> 72 -> 68.40', () => {
    const line = priceLine({
      products: [laptop],
      account: channel,
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1', additionalDiscount: { percent: '10' } }],
    });
    expect([line.regularUnitPrice, line.customerUnitPrice, line.partnerUnitPrice, line.netUnitPrice]).toEqual([
      '100',
      '90',
      '72',
      '68.4',
    ]);
    expect(line.netTotal).toBe('68.40');
  });

  test('public contract example: 30 laptops, range schedule, 10% additional, 20% partner, 5% distributor -> 47.88, 1,436.40', () => {
    const response = price({
      products: [{ ...laptop, discountSchedule: 'VOL' }],
      schedules: [volumeSchedule],
      account: channel,
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '30', additionalDiscount: { percent: '10' } }],
    });
    const line = lineOf(response, 'l1');
    expect(line).toMatchObject({
      quantity: '30',
      effectiveQuantity: '30',
      listUnitPrice: '100',
      specialUnitPrice: null,
      regularUnitPrice: '70',
      customerUnitPrice: '63',
      partnerUnitPrice: '50.4',
      netUnitPrice: '47.88',
      listTotal: '3000.00',
      netTotal: '1436.40',
    });
    expect(line.waterfall[1]).toEqual({
      step: 'volume-discount',
      unitPrice: '70',
      detail: 'VOL range tier [20,inf) 30%',
    });
    expect(response.totals).toMatchObject({ listTotal: '3000.00', netTotal: '1436.40', discountTotal: '1563.60' });
  });
});

describe('the price waterfall', () => {
  test('§2.1 list: no price-book entry in the quote currency makes the line invalid, no FX conversion', () => {
    const response = price({
      currency: 'EUR',
      products: [laptop, { sku: 'MOUSE', prices: { EUR: '20' } }],
      lines: [
        { id: 'l1', sku: 'LAPTOP', quantity: '1' },
        { id: 'l2', sku: 'MOUSE', quantity: '2' },
      ],
    });
    expect(response.messages).toEqual([
      { level: 'error', code: 'NO_PRICE_IN_CURRENCY', lineId: 'l1', text: 'product LAPTOP has no price in EUR' },
    ]);
    expect(lineOf(response, 'l1')).toMatchObject({ status: 'error', listUnitPrice: null, netTotal: null });
    expect(response.totals.netTotal).toBe('40.00');
  });

  test('each step is recorded in the trace, in waterfall order, with the price after the step', () => {
    const line = priceLine({
      products: [{ ...laptop, recurring: { defaultTermMonths: '12' }, discountSchedule: 'VOL' }],
      schedules: [volumeSchedule],
      account: { ...channel, contractedPrices: [{ sku: 'LAPTOP', price: { USD: '80' } }] },
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '10', additionalDiscount: { amount: '4' }, term: { months: '6' } }],
    });
    expect(line.waterfall).toEqual([
      { step: 'list', unitPrice: '100', detail: 'price book' },
      { step: 'contracted-price', unitPrice: '80', detail: 'contracted price (sku LAPTOP)' },
      { step: 'volume-discount', unitPrice: '64', detail: 'VOL range tier [10,20) 20%' },
      { step: 'prorate', unitPrice: '32', detail: '6 months / default term 12 months' },
      { step: 'additional-discount', unitPrice: '28', detail: '4 off per unit' },
      { step: 'partner-discount', unitPrice: '22.4', detail: '20% of running price' },
      { step: 'distributor-discount', unitPrice: '21.28', detail: '5% of running price' },
    ]);
    expect(line).toMatchObject({
      specialUnitPrice: '80',
      regularUnitPrice: '32',
      customerUnitPrice: '28',
      prorateMultiplier: '0.5',
      netTotal: '212.80',
      listTotal: '500.00',
    });
  });

  test('§2.2 contracted price beats the pricing method (cost-plus) and an sku entry beats a category entry', () => {
    const response = price({
      products: [
        {
          sku: 'A',
          category: 'hardware',
          prices: { USD: '100' },
          pricingMethod: 'cost-plus',
          cost: { USD: '50' },
          markup: { percent: '10' },
        },
        { sku: 'B', category: 'hardware', prices: { USD: '200' } },
      ],
      account: {
        contractedPrices: [
          { category: 'hardware', discountPercent: '5' },
          { sku: 'A', price: { USD: '70' } },
        ],
      },
      lines: [
        { id: 'a', sku: 'A', quantity: '1' },
        { id: 'b', sku: 'B', quantity: '1' },
      ],
    });
    expect(stepsOf(lineOf(response, 'a'))).toEqual(['list 100', 'contracted-price 70']);
    expect(lineOf(response, 'b').waterfall[1]).toEqual({
      step: 'contracted-price',
      unitPrice: '190',
      detail: 'contracted 5% off list (category hardware)',
    });
  });

  test('§2.2 a contracted price without the quote currency does not apply and says so', () => {
    const response = price({
      products: [laptop],
      account: { contractedPrices: [{ sku: 'LAPTOP', price: { EUR: '70' } }] },
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1' }],
    });
    expect(lineOf(response, 'l1').netUnitPrice).toBe('100');
    expect(response.messages).toEqual([
      {
        level: 'warning',
        code: 'CONTRACTED_PRICE_NOT_IN_CURRENCY',
        lineId: 'l1',
        text: 'contracted price for sku LAPTOP has no USD price; not applied',
      },
    ]);
  });

  test('§2.2 dated contracted prices apply only on the pricing date (inclusive bounds)', () => {
    const spec = (pricingDate: string) => ({
      pricingDate,
      products: [laptop],
      account: {
        contractedPrices: [{ sku: 'LAPTOP', price: { USD: '70' }, startDate: '2026-01-01', endDate: '2026-06-30' }],
      },
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1' }],
    });
    expect(priceLine(spec('2026-06-30')).netUnitPrice).toBe('70');
    expect(priceLine(spec('2026-07-01')).netUnitPrice).toBe('100');
  });

  test('§2.3 volume schedule before term schedule: amount 10 off then 10% off = 81, not 80', () => {
    const line = priceLine({
      products: [{ ...laptop, recurring: {}, discountSchedule: 'AMT', termDiscountSchedule: 'TERM' }],
      schedules: [
        { id: 'AMT', type: 'range', unit: 'amount', tiers: [{ lowerBound: '1', value: { USD: '10' } }] },
        { id: 'TERM', type: 'range', tiers: [{ lowerBound: '12', value: '10' }] },
      ],
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1' }],
    });
    expect(stepsOf(line)).toEqual(['list 100', 'volume-discount 90', 'term-discount 81', 'prorate 81']);
  });

  test('§2.4 the prorate multiplier applies after the schedules: (30 - 5) x 2 = 50', () => {
    const line = priceLine({
      products: [{ sku: 'S', prices: { USD: '30' }, recurring: { defaultTermMonths: '12' }, discountSchedule: 'AMT' }],
      schedules: [{ id: 'AMT', type: 'range', unit: 'amount', tiers: [{ lowerBound: '0', value: { USD: '5' } }] }],
      lines: [{ id: 'l1', sku: 'S', quantity: '1', term: { months: '24' } }],
    });
    expect(line.regularUnitPrice).toBe('50');
  });

  test('§2.6 additional discount as an amount per unit', () => {
    const line = priceLine({
      products: [laptop],
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '3', additionalDiscount: { amount: '12.5' } }],
    });
    expect([line.customerUnitPrice, line.netTotal]).toEqual(['87.5', '262.50']);
  });

  test('§2.7 applyAdditionalDiscountLast: partner and distributor first, then the additional discount', () => {
    const spec = (applyAdditionalDiscountLast: boolean) => ({
      options: { applyAdditionalDiscountLast },
      products: [laptop],
      account: { partnerDiscountPercent: '20' },
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1', additionalDiscount: { amount: '10' } }],
    });
    expect(priceLine(spec(false)).netUnitPrice).toBe('72');
    const last = priceLine(spec(true));
    expect(stepsOf(last)).toEqual(['list 100', 'partner-discount 80', 'additional-discount 70']);
    expect([last.customerUnitPrice, last.partnerUnitPrice, last.netUnitPrice]).toEqual(['100', '80', '70']);
  });

  test('§2.7 channelDiscountsOffList: partner and distributor percents of list, not of the running price', () => {
    const line = priceLine({
      options: { channelDiscountsOffList: true },
      products: [laptop],
      account: channel,
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1', additionalDiscount: { percent: '10' } }],
    });
    // 90 - 20% of 100 - 5% of 100 = 65 (sequentially it would be 68.40).
    expect([line.customerUnitPrice, line.partnerUnitPrice, line.netUnitPrice]).toEqual(['90', '70', '65']);
  });

  test('§2.7 both options together: 100 - 20 - 5 - 10% of 75 = 67.5', () => {
    const line = priceLine({
      options: { channelDiscountsOffList: true, applyAdditionalDiscountLast: true },
      products: [laptop],
      account: channel,
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '1', additionalDiscount: { percent: '10' } }],
    });
    expect(line.netUnitPrice).toBe('67.5');
  });

  test('§2.8 line total = round(net unit x quantity); quote total = sum of rounded line totals', () => {
    const response = price({
      products: [{ sku: 'P', prices: { USD: '0.005' } }],
      lines: ['a', 'b', 'c'].map((id) => ({ id, sku: 'P', quantity: '1' })),
    });
    expect(response.lines.map((line) => line.netTotal)).toEqual(['0.01', '0.01', '0.01']);
    expect(response.totals.netTotal).toBe('0.03'); // not round(0.015) = 0.02
  });

  test('a 100% discount prices at 0.00 and is not an error', () => {
    const response = price({
      products: [laptop],
      lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '2', additionalDiscount: { percent: '100' } }],
    });
    expect(lineOf(response, 'l1')).toMatchObject({
      status: 'priced',
      netUnitPrice: '0',
      netTotal: '0.00',
      listTotal: '200.00',
    });
    expect(response.messages).toEqual([]);
    expect(response.totals.discountTotal).toBe('200.00');
  });

  test('a discount pushing the net price below zero is a NEGATIVE_NET error and stays out of the totals', () => {
    const response = price({
      products: [laptop],
      lines: [
        { id: 'l1', sku: 'LAPTOP', quantity: '1', additionalDiscount: { amount: '150' } },
        { id: 'l2', sku: 'LAPTOP', quantity: '1' },
      ],
    });
    expect(lineOf(response, 'l1')).toMatchObject({ status: 'error', netUnitPrice: '-50', netTotal: null });
    expect(response.messages).toEqual([
      { level: 'error', code: 'NEGATIVE_NET', lineId: 'l1', text: 'net unit price -50 is below zero' },
    ]);
    expect(response.totals.netTotal).toBe('100.00');
  });

  test('a product priced negative on purpose (a credit) is not NEGATIVE_NET', () => {
    const response = price({
      products: [{ sku: 'CREDIT', prices: { USD: '-25' } }],
      lines: [{ id: 'l1', sku: 'CREDIT', quantity: '2' }],
    });
    expect(response.messages).toEqual([]);
    expect(response.totals.netTotal).toBe('-50.00');
  });

  test('quantity 0 prices the unit and totals 0.00', () => {
    const line = priceLine({ products: [laptop], lines: [{ id: 'l1', sku: 'LAPTOP', quantity: '0' }] });
    expect([line.netUnitPrice, line.listTotal, line.netTotal]).toEqual(['100', '0.00', '0.00']);
  });

  test('fractional quantities: 2.5 x 0.05 = 0.125 rounds to 0.13 half-up and 0.12 half-even', () => {
    const spec = (roundingMode: 'half-up' | 'half-even') => ({
      options: { roundingMode },
      products: [{ sku: 'KWH', prices: { USD: '0.05' } }],
      lines: [{ id: 'l1', sku: 'KWH', quantity: '2.5' }],
    });
    expect(priceLine(spec('half-up')).netTotal).toBe('0.13');
    expect(priceLine(spec('half-even')).netTotal).toBe('0.12');
  });

  test('0-decimal (JPY) and 3-decimal (KWD) currencies round line totals to their minor units', () => {
    const jpy = price({
      currency: 'JPY',
      products: [{ sku: 'P', prices: { JPY: '333.5' } }],
      lines: [{ id: 'l1', sku: 'P', quantity: '3' }],
    });
    expect([lineOf(jpy, 'l1').netTotal, jpy.totals.netTotal]).toEqual(['1001', '1001']);
    const kwd = price({
      currency: 'KWD',
      products: [{ sku: 'P', prices: { KWD: '0.3335' } }],
      lines: [{ id: 'l1', sku: 'P', quantity: '3' }],
    });
    expect([lineOf(kwd, 'l1').netTotal, kwd.totals.mrr]).toEqual(['1.001', '0.000']);
  });

  test('an unknown sku is an UNKNOWN_SKU error line; the rest of the quote is priced', () => {
    const response = price({
      products: [laptop],
      lines: [
        { id: 'l1', sku: 'NOPE', quantity: '1' },
        { id: 'l2', sku: 'LAPTOP', quantity: '1' },
      ],
    });
    expect(response.messages).toEqual([
      { level: 'error', code: 'UNKNOWN_SKU', lineId: 'l1', text: 'unknown sku NOPE' },
    ]);
    expect(lineOf(response, 'l1')).toMatchObject({ status: 'error', pricingMethod: null, waterfall: [] });
    expect(response.totals.netTotal).toBe('100.00');
  });
});
