import { Decimal, ZERO } from '../../../kernel/money/money.ts';
import {
  formatMinorUnits,
  formatMoney,
  minorUnitsToDecimal,
  type RoundingMode,
} from '../../../kernel/money/rounding.ts';
import type { LineTotals } from './line-unit-price.ts';
import type { PricingResponse } from './pricing-response-schema.ts';
import type { ResolvedTerm } from './term-proration.ts';

export interface TotalsAccumulator {
  /** Counts one priced line with these rounded totals (`term` null = one-time). */
  add(line: LineTotals): void;
  finish(): PricingResponse['totals'];
}

/**
 * Quote totals (docs/pricing.md "How a quote is priced" and §3): sums of the rounded line totals; MRR = recurring net
 * total / term months per line, ARR = 12 x MRR, TCV = every net total. MRR is summed exactly per
 * term and rounded once; ARR is 12 x the exact MRR, so a 100,000.00 annual deal shows 100,000.00
 * ARR, not 12 x 8,333.33.
 */
export function createTotalsAccumulator(minorUnits: number, rounding: RoundingMode): TotalsAccumulator {
  // Distinct line totals with their line counts: integer sums are exact in any order.
  const counted: LineTotals[] = [];
  return {
    add(line) {
      if (line.count === 0) counted.push(line);
      line.count += 1;
    },
    finish() {
      let listTotal = 0n;
      let netTotal = 0n;
      let recurringTotal = 0n;
      // Recurring net per distinct term, so MRR needs one division per term rather than per line.
      const recurringByTerm = new Map<ResolvedTerm, bigint>();
      for (const line of counted) {
        const count = BigInt(line.count);
        listTotal += line.listMinor * count;
        netTotal += line.netMinor * count;
        if (line.term === null) continue;
        recurringTotal += line.netMinor * count;
        recurringByTerm.set(line.term, (recurringByTerm.get(line.term) ?? 0n) + line.netMinor * count);
      }
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
