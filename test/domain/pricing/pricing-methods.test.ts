import { laptop, lineOf, price, priceLine, stepsOf } from './pricing-fixtures.ts';
import type { QuoteSpec } from './pricing-fixtures.ts';

type Product = NonNullable<QuoteSpec['products']>[number];

const blocks: Product = {
  sku: 'SEATS',
  pricingMethod: 'block',
  blockTiers: [
    { lowerBound: '1', upperBound: '11', price: { USD: '10' } },
    { lowerBound: '11', upperBound: '21', price: { USD: '18' } },
  ],
};
const blockLine = (quantity: string, product: Product = blocks) =>
  price({ products: [product], lines: [{ id: 'l1', sku: product.sku, quantity }] });

describe('pricing method: block', () => {
  test('example: blocks [1,11) 10, [11,21) 18: qty 7 -> 10; qty 15 -> 18, not multiplied by quantity', () => {
    expect(lineOf(blockLine('7'), 'l1')).toMatchObject({
      listUnitPrice: '10',
      effectiveQuantity: '1',
      netTotal: '10.00',
    });
    expect(lineOf(blockLine('15'), 'l1')).toMatchObject({
      listUnitPrice: '18',
      effectiveQuantity: '1',
      netTotal: '18.00',
    });
  });

  test('a quantity exactly on a bound belongs to the upper tier: qty 11 -> 18, qty 10.99 -> 10', () => {
    expect(lineOf(blockLine('11'), 'l1').netTotal).toBe('18.00');
    expect(lineOf(blockLine('10.99'), 'l1').netTotal).toBe('10.00');
  });

  test('a quantity above the top tier without an overage rate is QUANTITY_OUTSIDE_BLOCK_TIERS', () => {
    const response = blockLine('21');
    expect(response.messages).toEqual([
      {
        level: 'error',
        code: 'QUANTITY_OUTSIDE_BLOCK_TIERS',
        lineId: 'l1',
        text: 'SEATS: quantity 21 is above the top block [11,21) and no overage rate is set in USD',
      },
    ]);
    expect(response.totals.netTotal).toBe('0.00');
  });

  test('with an overage rate each unit above the top block adds the rate: qty 23 -> 18 + 3 x 2 = 24', () => {
    const line = lineOf(blockLine('23', { ...blocks, overageRate: { USD: '2' } }), 'l1');
    expect([line.listUnitPrice, line.netTotal]).toEqual(['24', '24.00']);
  });

  test('a quantity below the lowest tier is QUANTITY_OUTSIDE_BLOCK_TIERS; quantity 0 totals 0.00', () => {
    expect(blockLine('0.5').messages.map((m) => m.code)).toEqual(['QUANTITY_OUTSIDE_BLOCK_TIERS']);
    expect(lineOf(blockLine('0'), 'l1')).toMatchObject({ effectiveQuantity: '0', netTotal: '0.00', status: 'priced' });
  });

  test('a block tier without a price in the quote currency is NO_PRICE_IN_CURRENCY', () => {
    const response = price({ currency: 'EUR', products: [blocks], lines: [{ id: 'l1', sku: 'SEATS', quantity: '3' }] });
    expect(response.messages).toEqual([
      { level: 'error', code: 'NO_PRICE_IN_CURRENCY', lineId: 'l1', text: 'SEATS: block [1,11) has no price in EUR' },
    ]);
  });

  test('a block product is priced once per subscription term: block price x prorate multiplier', () => {
    const line = priceLine({
      products: [{ ...blocks, recurring: {} }],
      lines: [{ id: 'l1', sku: 'SEATS', quantity: '15', term: { months: '18' } }],
    });
    expect([line.regularUnitPrice, line.netTotal]).toEqual(['27', '27.00']);
  });
});

describe('pricing method: percent of total', () => {
  const support = (config: NonNullable<Product['percentOfTotal']>): Product => ({
    sku: 'SUPPORT',
    pricingMethod: 'percent-of-total',
    percentOfTotal: config,
  });
  const hardwareQuote = (config: NonNullable<Product['percentOfTotal']>, supportFirst = false): QuoteSpec => {
    const lines = [
      { id: 'hw', sku: 'LAPTOP', quantity: '3', additionalDiscount: { percent: '10' } },
      { id: 'sw', sku: 'APP', quantity: '1' },
    ];
    const supportLine = { id: 'sup', sku: 'SUPPORT', quantity: '1' };
    return {
      products: [laptop, { sku: 'APP', category: 'software', prices: { USD: '1000' } }, support(config)],
      lines: supportFirst ? [supportLine, ...lines] : [...lines, supportLine],
    };
  };

  test('percent x the net total of the covered category, computed after those lines even when listed first', () => {
    // hardware net = 3 x 90 = 270.00; 25% = 67.5
    for (const supportFirst of [false, true]) {
      const line = lineOf(
        price(hardwareQuote({ percent: '25', base: 'net', categories: ['hardware'] }, supportFirst)),
        'sup',
      );
      expect([line.listUnitPrice, line.netTotal]).toEqual(['67.5', '67.50']);
      expect(line.waterfall[0]?.detail).toBe('25% of net total 270');
    }
  });

  test('without categories it covers every non-percent-of-total line; bases list/regular/customer/net', () => {
    const base = (b: 'list' | 'regular' | 'customer' | 'net') =>
      lineOf(price(hardwareQuote({ percent: '10', base: b })), 'sup').netUnitPrice;
    expect([base('list'), base('regular'), base('customer'), base('net')]).toEqual(['130', '130', '127', '127']);
  });

  test('clamped to the minimum and maximum in the quote currency', () => {
    expect(
      lineOf(price(hardwareQuote({ percent: '25', categories: ['hardware'], min: { USD: '200' } })), 'sup')
        .netUnitPrice,
    ).toBe('200');
    expect(lineOf(price(hardwareQuote({ percent: '25', max: { USD: '100' }, min: null })), 'sup').netUnitPrice).toBe(
      '100',
    );
  });

  test('no covered line: price 0 and a PERCENT_OF_TOTAL_NO_COVERED_LINES warning', () => {
    const response = price(hardwareQuote({ percent: '25', categories: ['services'] }));
    expect(lineOf(response, 'sup').netTotal).toBe('0.00');
    expect(response.messages).toEqual([
      {
        level: 'warning',
        code: 'PERCENT_OF_TOTAL_NO_COVERED_LINES',
        lineId: 'sup',
        text: 'no priced line is covered by SUPPORT',
      },
    ]);
  });
});

describe('pricing method: cost plus markup', () => {
  const gadget: Product = {
    sku: 'G',
    prices: { USD: '100' },
    cost: { USD: '60' },
    pricingMethod: 'cost-plus',
    markup: { percent: '10' },
  };

  test('unit cost + markup percent; the list price stays visible in the trace', () => {
    const line = priceLine({ products: [gadget], lines: [{ id: 'l1', sku: 'G', quantity: '2' }] });
    expect(stepsOf(line)).toEqual(['list 100', 'cost-plus 66']);
    expect(line.waterfall[1]?.detail).toBe('cost 60 + 10% markup');
    expect([line.listTotal, line.netTotal]).toEqual(['200.00', '132.00']);
  });

  test('unit cost + markup amount in the quote currency', () => {
    const line = priceLine({
      products: [{ ...gadget, markup: { amount: { USD: '7.5' } } }],
      lines: [{ id: 'l1', sku: 'G', quantity: '1' }],
    });
    expect(line.specialUnitPrice).toBe('67.5');
  });

  test('no cost in the quote currency is NO_COST_IN_CURRENCY', () => {
    const response = price({
      currency: 'EUR',
      products: [{ ...gadget, prices: { EUR: '90' } }],
      lines: [{ id: 'l1', sku: 'G', quantity: '1' }],
    });
    expect(response.messages).toEqual([
      { level: 'error', code: 'NO_COST_IN_CURRENCY', lineId: 'l1', text: 'product G has no cost in EUR' },
    ]);
  });
});
