import { Decimal, ZERO } from '../money/money.ts';
import { formatMinorUnits, formatMoney, minorUnitsToDecimal, type RoundingMode } from '../money/rounding.ts';
import type { PricingResponse } from './pricing-response-schema.ts';
import type { ResolvedTerm } from './term-proration.ts';

export interface TotalsAccumulator {
  /** Adds one priced line's rounded totals in minor units; `term` is null for one-time lines. */
  add(listTotal: bigint, netTotal: bigint, term: ResolvedTerm | null): void;
  finish(): PricingResponse['totals'];
}

/**
 * Quote totals (cpq-semantics §2.8 and §3): sums of the rounded line totals; MRR = recurring net
 * total / term months per line, ARR = 12 x MRR, TCV = every net total. MRR is summed exactly per
 * term and rounded once; ARR is 12 x the exact MRR, so a 100,000.00 annual deal shows 100,000.00
 * ARR, not 12 x 8,333.33.
 */
export function createTotalsAccumulator(minorUnits: number, rounding: RoundingMode): TotalsAccumulator {
  let listTotal = 0n;
  let netTotal = 0n;
  let recurringTotal = 0n;
  // Recurring net per distinct term, so MRR needs one division per term rather than per line.
  const recurringByTerm = new Map<ResolvedTerm, bigint>();
  return {
    add(lineList, lineNet, term) {
      listTotal += lineList;
      netTotal += lineNet;
      if (term === null) return;
      recurringTotal += lineNet;
      recurringByTerm.set(term, (recurringByTerm.get(term) ?? 0n) + lineNet);
    },
    finish() {
      let mrr: Decimal = ZERO;
      for (const [term, net] of recurringByTerm) {
        mrr = mrr.plus(minorUnitsToDecimal(net, minorUnits).times(term.denominator).div(term.numerator));
      }
      const money = (minor: bigint): string => formatMinorUnits(minor, minorUnits);
      return {
        listTotal: money(listTotal),
        netTotal: money(netTotal),
        discountTotal: money(listTotal - netTotal),
        oneTimeTotal: money(netTotal - recurringTotal),
        recurringTotal: money(recurringTotal),
        mrr: formatMoney(mrr, minorUnits, rounding),
        arr: formatMoney(mrr.times(12), minorUnits, rounding),
        tcv: money(netTotal),
      };
    },
  };
}
