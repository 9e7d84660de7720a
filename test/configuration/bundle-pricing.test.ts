import { priceQuote, PricingRequestSchema } from '../../src/modules/pricing/index.ts';
import { configureBundle } from '../../src/modules/configuration/index.ts';
import { laptopCatalog } from './laptop-catalog.ts';

const catalog = {
  products: [
    { sku: 'LAPTOP', prices: { USD: '1000' } },
    { sku: 'MEM-16', prices: { USD: '100' } },
    { sku: 'DOCK', prices: { USD: '250' } },
    { sku: 'CABLE', prices: { USD: '19.99' } },
    { sku: 'BAG', prices: { USD: '45.50' } },
    { sku: 'WARRANTY', prices: { USD: '120' }, recurring: { defaultTermMonths: '12' } },
  ],
};

describe('pricing understands bundles (optional request fields only)', () => {
  test('bundled options price at zero, option discounts apply, the waterfall says so, and the bundle rolls up', () => {
    const configured = configureBundle(laptopCatalog(), {
      bundleSku: 'LAPTOP',
      quantity: '2',
      options: [{ option: 'mem16' }, { option: 'dock' }, { option: 'bag' }],
    });
    const lines = configured.lines.map((line) => ({
      id: line.id,
      sku: line.sku,
      quantity: line.quantity,
      ...(line.parentLineId !== null && { parentLineId: line.parentLineId }),
      ...(line.bundled && { bundled: true }),
      ...(line.discountPercent !== null && { optionDiscountPercent: line.discountPercent }),
    }));
    const response = priceQuote(PricingRequestSchema.parse({ currency: 'USD', catalog, lines }));
    const byId = Object.fromEntries(response.lines.map((line) => [line.id, line]));
    expect(byId['bundle/dock']?.netTotal).toBe('0.00');
    expect(byId['bundle/dock']?.waterfall.map((step) => step.step)).toEqual(['list', 'bundled']);
    // bag: 45.50 less the 10% option discount = 40.95 x 2 (per bundle unit) = 81.90
    expect(byId['bundle/bag']).toMatchObject({ netUnitPrice: '40.95', netTotal: '81.90', parentLineId: 'bundle' });
    expect(byId['bundle/bag']?.waterfall.map((step) => [step.step, step.detail])).toEqual([
      ['list', 'price book'],
      ['option-discount', 'option 10% off'],
    ]);
    // The nested cable (required with the dock) is priced on its own: 19.99.
    expect(byId['bundle/dock/cable']).toMatchObject({ netTotal: '19.99', parentLineId: 'bundle/dock' });
    expect(byId['bundle/dock']).toMatchObject({ bundleNetTotal: '19.99' });
    // Bundle: 2 x 1000 + memory 100 + dock 0 + cable 19.99 + bag 81.90 = 2201.89
    expect(byId.bundle).toMatchObject({ netTotal: '2000.00', bundleNetTotal: '2201.89' });
    expect(response.totals.netTotal).toBe('2201.89');
  });

  test('a parentLineId must name another line of the request', () => {
    const result = PricingRequestSchema.safeParse({
      currency: 'USD',
      catalog,
      lines: [{ id: 'a', sku: 'LAPTOP', quantity: '1', parentLineId: 'nope' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['lines.0.parentLineId']);
  });
});
