import { minorUnitsOf } from '../../../kernel/money/currency-minor-units.ts';
import { Decimal, ZERO } from '../../../kernel/money/money.ts';
import { formatMoney, type RoundingMode } from '../../../kernel/money/rounding.ts';
import type { PricedLine, PricingResponse, ResolvedTerm } from '../../pricing/index.ts';

/** A priced line with the exact term it was priced over (null for one-time lines). */
export interface LineWithTerm {
  line: PricedLine;
  term: ResolvedTerm | null;
}

/**
 * Quote totals over lines priced in separate engine calls (an amendment prices its subscription
 * changes and its new products separately): the same rules as the pricing engine's totals — sums
 * of the rounded line totals; MRR = each recurring line's net total / its term in months, summed
 * exactly and rounded once; ARR = 12 x the exact MRR; TCV = every net total.
 */
export function totalsOfLines(
  lines: readonly LineWithTerm[],
  currency: string,
  rounding: RoundingMode,
): PricingResponse['totals'] {
  const minorUnits = minorUnitsOf(currency);
  let list: Decimal = ZERO;
  let net: Decimal = ZERO;
  let recurring: Decimal = ZERO;
  let mrr: Decimal = ZERO;
  for (const { line, term } of lines) {
    if (line.status !== 'priced' || line.listTotal === null || line.netTotal === null) continue;
    const lineNet = new Decimal(line.netTotal);
    list = list.plus(line.listTotal);
    net = net.plus(lineNet);
    if (line.recurring && term !== null) {
      recurring = recurring.plus(lineNet);
      mrr = mrr.plus(lineNet.times(term.denominator).div(term.numerator));
    }
  }
  const money = (value: Decimal): string => formatMoney(value, minorUnits, rounding);
  return {
    listTotal: money(list),
    netTotal: money(net),
    discountTotal: money(list.minus(net)),
    oneTimeTotal: money(net.minus(recurring)),
    recurringTotal: money(recurring),
    mrr: money(mrr),
    arr: money(mrr.times(12)),
    tcv: money(net),
  };
}
