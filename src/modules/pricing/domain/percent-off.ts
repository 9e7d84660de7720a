import { Decimal, ONE } from '../../../kernel/money/money.ts';

/**
 * A percent discount prepared once per distinct value: p/100 and the multiplier 1 - p/100, so the
 * per-line waterfall multiplies instead of dividing (a decimal.js division costs ~6 multiplications;
 * docs/pricing.md "Performance"). Dividing a finite decimal by 100 is exact, so nothing is lost.
 */
export interface PercentOff {
  percent: Decimal;
  fraction: Decimal;
  multiplier: Decimal;
  /** Trace details, built once and shared by every line. */
  offLabel: string;
  ofListLabel: string;
  ofRunningLabel: string;
}

export function percentOff(percent: Decimal): PercentOff {
  const fraction = percent.div(100);
  const text = `${percent.toString()}%`;
  return {
    percent,
    fraction,
    multiplier: ONE.minus(fraction),
    offLabel: `${text} off`,
    ofListLabel: `${text} of list`,
    ofRunningLabel: `${text} of running price`,
  };
}
