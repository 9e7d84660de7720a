import { laptop, lineOf, price, priceLine, volumeSchedule } from './pricing-fixtures.ts';
import type { QuoteSpec } from './pricing-fixtures.ts';

const withSchedule = (
  schedule: NonNullable<QuoteSpec['schedules']>[number],
  quantity: string,
  extra: Partial<QuoteSpec> = {},
) =>
  priceLine({
    products: [{ ...laptop, discountSchedule: schedule.id }],
    schedules: [schedule],
    lines: [{ id: 'l1', sku: 'LAPTOP', quantity }],
    ...extra,
  });

const slab = { ...volumeSchedule, id: 'SLAB', type: 'slab' as const };

describe('discount schedules', () => {
  test('example: tiers [1,10) 10%, [10,20) 20%, [20,inf) 30%, 30 units at 100, range: 30 x 70 = 2,100.00', () => {
    const line = withSchedule(volumeSchedule, '30');
    expect([line.regularUnitPrice, line.netTotal]).toEqual(['70', '2100.00']);
  });

  test('tiers are lower-inclusive and upper-exclusive: 9 -> 10%, 10 -> 20% (to include 99, upper = 100)', () => {
    expect(withSchedule(volumeSchedule, '9').regularUnitPrice).toBe('90');
    expect(withSchedule(volumeSchedule, '10').regularUnitPrice).toBe('80');
    expect(withSchedule(volumeSchedule, '19.999').regularUnitPrice).toBe('80');
    expect(withSchedule(volumeSchedule, '20').regularUnitPrice).toBe('70');
  });

  test('range: every unit gets the discount of the tier the total quantity falls in', () => {
    expect(withSchedule(volumeSchedule, '15').netTotal).toBe('1200.00');
  });

  test('slab: each unit gets the tier it falls in: 30 units = 9 x 10% + 10 x 20% + 11 x 30% -> 2,380.00', () => {
    const line = withSchedule(slab, '30');
    expect(line.netTotal).toBe('2380.00');
    expect(line.waterfall[1]?.detail).toBe(
      'SLAB slab at quantity 30: 9 x [1,10) 10%, 10 x [10,20) 20%, 11 x [20,inf) 30% = average 20.66666666666666666666666666666666666667%',
    );
  });

  test('slab with a fractional quantity: the half unit 10 of 9.5 falls in [10,20)', () => {
    // 9 x 10 + 0.5 x 20 = 100 off 950 -> 850.00
    expect(withSchedule(slab, '9.5').netTotal).toBe('850.00');
  });

  test('a quantity in no tier gets no discount and the trace says why', () => {
    const line = withSchedule(volumeSchedule, '0.5');
    expect(line.regularUnitPrice).toBe('100');
    expect(line.waterfall[1]).toEqual({
      step: 'volume-discount',
      unitPrice: '100',
      detail: 'VOL range: quantity 0.5 is in no tier',
    });
  });

  test('lines in the same range tier share one trace; a line in no tier names its own quantity', () => {
    const response = price({
      products: [{ ...laptop, discountSchedule: 'VOL' }],
      schedules: [volumeSchedule],
      lines: ['12', '15', '0', '0.5'].map((quantity, i) => ({ id: `l${i}`, sku: 'LAPTOP', quantity })),
    });
    expect(response.lines.map((line) => line.waterfall[1]?.detail)).toEqual([
      'VOL range tier [10,20) 20%',
      'VOL range tier [10,20) 20%',
      'VOL range: quantity 0 is in no tier',
      'VOL range: quantity 0.5 is in no tier',
    ]);
  });

  test('amount tiers are per currency: 5 USD off per unit in [1,inf)', () => {
    const amount = {
      id: 'AMT',
      type: 'range' as const,
      unit: 'amount' as const,
      tiers: [{ lowerBound: '1', value: { USD: '5', EUR: '4' } }],
    };
    expect(withSchedule(amount, '3').netTotal).toBe('285.00');
  });

  test('a schedule without tiers in the quote currency does not apply, in the trace and as a warning', () => {
    const amount = {
      id: 'AMT',
      type: 'range' as const,
      unit: 'amount' as const,
      tiers: [{ lowerBound: '1', value: { EUR: '4' } }],
    };
    const response = price({
      currency: 'EUR',
      products: [
        { ...laptop, prices: { EUR: '90' }, discountSchedule: 'AMT' },
        { sku: 'OTHER', prices: { EUR: '1' }, discountSchedule: 'USDONLY' },
      ],
      schedules: [amount, { ...amount, id: 'USDONLY', tiers: [{ lowerBound: '1', value: { USD: '4' } }] }],
      lines: [
        { id: 'l1', sku: 'LAPTOP', quantity: '1' },
        { id: 'l2', sku: 'OTHER', quantity: '1' },
      ],
    });
    expect(lineOf(response, 'l1').netUnitPrice).toBe('86');
    expect(lineOf(response, 'l2').netUnitPrice).toBe('1');
    expect(response.messages).toEqual([
      {
        level: 'warning',
        code: 'SCHEDULE_NOT_APPLICABLE_IN_CURRENCY',
        lineId: 'l2',
        text: 'USDONLY range: no amount tiers in the quote currency, not applied',
      },
    ]);
  });

  test('aggregation per line (default): two lines of 5 each stay in [1,10)', () => {
    const response = price({
      products: [{ ...laptop, discountSchedule: 'VOL' }],
      schedules: [volumeSchedule],
      lines: [
        { id: 'a', sku: 'LAPTOP', quantity: '5' },
        { id: 'b', sku: 'LAPTOP', quantity: '5' },
      ],
    });
    expect(response.lines.map((line) => line.regularUnitPrice)).toEqual(['90', '90']);
  });

  test('aggregation across the quote: 5 + 6 units of products sharing the schedule are priced at tier 11', () => {
    const response = price({
      products: [
        { ...laptop, discountSchedule: 'Q' },
        { sku: 'DOCK', prices: { USD: '50' }, discountSchedule: 'Q' },
      ],
      schedules: [{ ...volumeSchedule, id: 'Q', aggregation: 'quote' }],
      lines: [
        { id: 'a', sku: 'LAPTOP', quantity: '5' },
        { id: 'b', sku: 'DOCK', quantity: '6' },
      ],
    });
    expect(response.lines.map((line) => line.regularUnitPrice)).toEqual(['80', '40']);
    expect(lineOf(response, 'b').waterfall[1]?.detail).toBe('Q range tier [10,20) 20% at quote quantity 11');
  });

  test('cross-order aggregation: 5 owned + 10 quoted are priced at tier 15', () => {
    const line = withSchedule({ ...volumeSchedule, id: 'ACC', aggregation: 'account' }, '10', {
      account: { priorQuantities: { LAPTOP: '5' } },
    });
    expect(line.regularUnitPrice).toBe('80');
    expect(line.waterfall[1]?.detail).toBe('ACC range tier [10,20) 20% at account quantity 15');
  });

  test('cross-order slab: the 10 quoted units are units 6..15 -> 4 x 10% + 6 x 20% = average 16%', () => {
    const line = withSchedule({ ...slab, id: 'ACC', aggregation: 'account' }, '10', {
      account: { priorQuantities: { LAPTOP: '5' } },
    });
    expect([line.regularUnitPrice, line.netTotal]).toEqual(['84', '840.00']);
  });

  test('slab across the quote gives every line the same average, whatever the line order', () => {
    const spec = (quantities: string[]) => ({
      products: [{ ...laptop, discountSchedule: 'QS' }],
      schedules: [{ ...slab, id: 'QS', aggregation: 'quote' as const }],
      lines: quantities.map((quantity, i) => ({ id: `l${i}`, sku: 'LAPTOP', quantity })),
    });
    // 30 units over the quote: 620 off 3000 -> unit 79.333..., 20 units -> 1586.67, 10 units -> 793.33
    const forward = price(spec(['20', '10']));
    expect(forward.lines.map((line) => line.netTotal)).toEqual(['1586.67', '793.33']);
    expect(price(spec(['10', '20'])).lines.map((line) => line.netTotal)).toEqual(['793.33', '1586.67']);
  });

  test('term discount schedule (range) uses the line term in months', () => {
    const spec = (months: string) => ({
      products: [
        { sku: 'SUB', prices: { USD: '120' }, recurring: { defaultTermMonths: '12' }, termDiscountSchedule: 'TERM' },
      ],
      schedules: [
        {
          id: 'TERM',
          type: 'range' as const,
          tiers: [
            { lowerBound: '12', upperBound: '24', value: '0' },
            { lowerBound: '24', value: '10' },
          ],
        },
      ],
      lines: [{ id: 'l1', sku: 'SUB', quantity: '1', term: { months } }],
    });
    expect(priceLine(spec('24')).regularUnitPrice).toBe('216');
    expect(priceLine(spec('23')).regularUnitPrice).toBe('230');
  });

  test('discount schedules do not apply to block-priced lines (the block price covers the quantity)', () => {
    const line = priceLine({
      products: [
        {
          sku: 'B',
          pricingMethod: 'block',
          blockTiers: [{ lowerBound: '1', upperBound: null, price: { USD: '500' } }],
          discountSchedule: 'VOL',
        },
      ],
      schedules: [volumeSchedule],
      lines: [{ id: 'l1', sku: 'B', quantity: '30' }],
    });
    expect(line.netTotal).toBe('500.00');
    expect(line.waterfall[1]).toEqual({
      step: 'volume-discount',
      unitPrice: '500',
      detail: 'not applied: a block price already covers the whole quantity',
    });
  });
});
