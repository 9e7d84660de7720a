import { price } from './pricing-fixtures.ts';

describe('MRR, ARR, TCV and one-time vs recurring totals', () => {
  test('MRR = recurring net total / term months, ARR = 12 x MRR, TCV = recurring + one-time', () => {
    const response = price({
      term: { months: '24' },
      products: [
        { sku: 'SUB', prices: { USD: '1200' }, recurring: {} },
        { sku: 'SETUP', prices: { USD: '500' } },
      ],
      lines: [
        { id: 's', sku: 'SUB', quantity: '2' },
        { id: 'o', sku: 'SETUP', quantity: '1' },
      ],
    });
    // 2 x 1200 x 24/12 = 4800 over 24 months -> 200 a month
    expect(response.totals).toEqual({
      listTotal: '5300.00',
      netTotal: '5300.00',
      discountTotal: '0.00',
      oneTimeTotal: '500.00',
      recurringTotal: '4800.00',
      mrr: '200.00',
      arr: '2400.00',
      tcv: '5300.00',
    });
  });

  test('lines with different terms contribute their own monthly amount', () => {
    const response = price({
      products: [{ sku: 'SUB', prices: { USD: '120' }, recurring: {} }],
      lines: [
        { id: 'a', sku: 'SUB', quantity: '1', term: { months: '12' } },
        { id: 'b', sku: 'SUB', quantity: '1', term: { months: '6' } },
      ],
    });
    expect([response.totals.recurringTotal, response.totals.mrr, response.totals.arr]).toEqual([
      '180.00',
      '20.00',
      '240.00',
    ]);
  });

  test('ARR is 12 x the exact MRR: half a year of a 100,000 deal shows ARR 100,000.00, not 12 x 8,333.33 = 99,999.96', () => {
    // 100,000 a year; Jan 1..Jun 30 by day = 181 days: net = round(100000 x 181/365) = 49589.04
    const response = price({
      term: { startDate: '2026-01-01', endDate: '2026-06-30', prorationPrecision: 'day' },
      products: [{ sku: 'SUB', prices: { USD: '100000' }, recurring: {} }],
      lines: [{ id: 'a', sku: 'SUB', quantity: '1' }],
    });
    expect(response.totals.netTotal).toBe('49589.04');
    // MRR = 49589.04 / (181 x 12/365) = 8333.3331...; ARR = 12 x that = 99999.998 -> 100000.00
    expect([response.totals.mrr, response.totals.arr]).toEqual(['8333.33', '100000.00']);
  });

  test('a full-year subscription of 100,000 has ARR 100,000.00 (no 4-dp prorate multiplier)', () => {
    const response = price({
      term: { startDate: '2026-03-15', endDate: '2027-03-14' },
      products: [{ sku: 'SUB', prices: { USD: '100000' }, recurring: {} }],
      lines: [{ id: 'a', sku: 'SUB', quantity: '1' }],
    });
    expect([response.totals.mrr, response.totals.arr, response.totals.tcv]).toEqual([
      '8333.33',
      '100000.00',
      '100000.00',
    ]);
  });

  test('error lines stay out of every total', () => {
    const response = price({
      products: [{ sku: 'SUB', prices: { USD: '120' }, recurring: {} }],
      lines: [
        { id: 'a', sku: 'SUB', quantity: '1' },
        { id: 'b', sku: 'GONE', quantity: '5' },
      ],
    });
    expect(response.totals).toMatchObject({
      netTotal: '120.00',
      recurringTotal: '120.00',
      mrr: '10.00',
      oneTimeTotal: '0.00',
    });
  });
});
