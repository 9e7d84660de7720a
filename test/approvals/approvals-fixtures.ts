import { Decimal, HUNDRED, formatDecimal } from '../../src/kernel/money/money.ts';
import type { PricingResponse } from '../../src/modules/pricing/index.ts';
import type { QuoteRecord } from '../../src/modules/quotes/index.ts';

export interface FixtureLine {
  sku: string;
  quantity: string;
  listUnit: string;
  discountPercent: string;
  recurring?: boolean;
}

/** A priced snapshot shaped like the pricing engine's response, built from simple lines (test data). */
export function pricedQuote(lines: FixtureLine[], currency = 'USD'): Pick<PricingResponse, 'lines' | 'totals'> {
  let list = new Decimal(0);
  let net = new Decimal(0);
  let recurring = new Decimal(0);
  const priced = lines.map((line, index) => {
    const listUnit = new Decimal(line.listUnit);
    const netUnit = listUnit.times(HUNDRED.minus(line.discountPercent)).div(HUNDRED);
    const listTotal = listUnit.times(line.quantity).toDecimalPlaces(2);
    const netTotal = netUnit.times(line.quantity).toDecimalPlaces(2);
    list = list.plus(listTotal);
    net = net.plus(netTotal);
    if (line.recurring) recurring = recurring.plus(netTotal);
    return {
      id: `L${index + 1}`,
      sku: line.sku,
      status: 'priced' as const,
      pricingMethod: 'list' as const,
      recurring: line.recurring ?? false,
      quantity: line.quantity,
      effectiveQuantity: line.quantity,
      termMonths: null,
      prorateMultiplier: null,
      listUnitPrice: formatDecimal(listUnit),
      specialUnitPrice: null,
      regularUnitPrice: formatDecimal(listUnit),
      customerUnitPrice: formatDecimal(netUnit),
      partnerUnitPrice: formatDecimal(netUnit),
      netUnitPrice: formatDecimal(netUnit),
      listTotal: listTotal.toFixed(2),
      netTotal: netTotal.toFixed(2),
      waterfall: [],
    };
  });
  void currency;
  return {
    lines: priced,
    totals: {
      listTotal: list.toFixed(2),
      netTotal: net.toFixed(2),
      discountTotal: list.minus(net).toFixed(2),
      oneTimeTotal: net.minus(recurring).toFixed(2),
      recurringTotal: recurring.toFixed(2),
      mrr: '0.00',
      arr: '0.00',
      tcv: net.toFixed(2),
    },
  };
}

/** A presented quote with a bundle (one option) and `lineCount` lines in all (document tests and bench). */
export function fixtureQuote(lineCount = 3): QuoteRecord {
  const lines = [
    { sku: 'BUNDLE', quantity: '1', listUnit: '1000', discountPercent: '0', recurring: true },
    { sku: 'OPT-A', quantity: '2', listUnit: '250.5', discountPercent: '10', recurring: true },
    { sku: 'SETUP', quantity: '1', listUnit: '1234.5', discountPercent: '0' },
    ...Array.from({ length: Math.max(0, lineCount - 3) }, (_, i) => ({
      sku: `ITEM-${i + 1}`,
      quantity: String((i % 9) + 1),
      listUnit: '99.99',
      discountPercent: '5',
    })),
  ];
  const priced = pricedQuote(lines);
  return {
    id: 'q-doc-1',
    dealId: '900',
    companyId: null,
    title: 'Renewal <2027> & expansion',
    currency: 'USD',
    status: 'presented',
    isPrimary: true,
    revision: 4,
    expirationDate: '2026-12-31',
    settings: { termMonths: '12', options: {} },
    lines: priced.lines.map((l, i) => ({
      id: l.id,
      sku: l.sku,
      name: i === 0 ? 'Platform bundle' : i === 1 ? 'Option A "pro"' : `Item ${l.sku}`,
      quantity: l.quantity,
      additionalDiscount: null,
      termMonths: null,
      ...(i === 1 ? { parentLineId: 'L1' } : {}),
    })),
    priced: { ...priced, currency: 'USD', messages: [] },
    priceInputsHash: 'x',
    archived: false,
    updatedAt: new Date(0),
  };
}
