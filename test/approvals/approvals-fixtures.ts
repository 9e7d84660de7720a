import { Decimal, HUNDRED, formatDecimal } from '../../src/kernel/money/money.ts';
import type { PricingResponse } from '../../src/modules/pricing/index.ts';

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
