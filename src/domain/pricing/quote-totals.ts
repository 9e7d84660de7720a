import { Decimal, ZERO } from '../money/money.ts';
import { formatMoney, type RoundingMode } from '../money/rounding.ts';
import type { PricingResponse } from './pricing-response-schema.ts';
import type { ResolvedTerm } from './term-proration.ts';

export interface TotalsAccumulator {
  /** Adds one priced line's rounded totals; `term` is null for one-time lines. */
  add(listTotal: Decimal, netTotal: Decimal, term: ResolvedTerm | null): void;
  finish(): PricingResponse['totals'];
}

/**
 * Quote totals (cpq-semantics §2.8 and §3): sums of the rounded line totals; MRR = recurring net
 * total / term months per line, ARR = 12 x MRR, TCV = every net total. MRR is summed exactly per
 * term and rounded once; ARR is 12 x the exact MRR, so a 100,000.00 annual deal shows 100,000.00
 * ARR, not 12 x 8,333.33.
 */
export function createTotalsAccumulator(minorUnits: number, rounding: RoundingMode): TotalsAccumulator {
  let listTotal = ZERO;
  let netTotal = ZERO;
  let recurringTotal = ZERO;
  // Recurring net per distinct term, so MRR needs one division per term rather than per line.
  const recurringByTerm = new Map<ResolvedTerm, Decimal>();
  return {
    add(lineList, lineNet, term) {
      listTotal = listTotal.plus(lineList);
      netTotal = netTotal.plus(lineNet);
      if (term === null) return;
      recurringTotal = recurringTotal.plus(lineNet);
      recurringByTerm.set(term, (recurringByTerm.get(term) ?? ZERO).plus(lineNet));
    },
    finish() {
      let mrr = ZERO;
      for (const [term, net] of recurringByTerm) mrr = mrr.plus(net.times(term.denominator).div(term.numerator));
      const money = (amount: Decimal): string => formatMoney(amount, minorUnits, rounding);
      return {
        listTotal: money(listTotal),
        netTotal: money(netTotal),
        discountTotal: money(listTotal.minus(netTotal)),
        oneTimeTotal: money(netTotal.minus(recurringTotal)),
        recurringTotal: money(recurringTotal),
        mrr: money(mrr),
        arr: money(mrr.times(12)),
        tcv: money(netTotal),
      };
    },
  };
}
