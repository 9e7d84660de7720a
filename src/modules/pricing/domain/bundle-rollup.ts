import { formatMinorUnits, parseMinorUnits } from '../../../kernel/money/rounding.ts';
import type { PricingLineInput } from './pricing-request-schema.ts';
import type { PricedLine } from './pricing-response-schema.ts';

/**
 * Bundle totals (Salesforce CPQ shows a bundle's price with its options rolled up): each line
 * that has options gets `bundleNetTotal` / `bundleListTotal` = its own rounded totals plus those of
 * every option below it, nested options included; option lines carry their `parentLineId`. Sums of
 * already-rounded line totals, so the bundle total is exactly what the lines show. Lines that could
 * not be priced add nothing. A parent cycle (A -> B -> A) stops at the first repeated line.
 */
export function rollUpBundles(inputs: readonly PricingLineInput[], lines: PricedLine[], minorUnits: number): void {
  if (!inputs.some((line) => line.parentLineId !== undefined)) return;
  const indexById = new Map(inputs.map((line, index) => [line.id, index]));
  const net = new Map<number, bigint>();
  const list = new Map<number, bigint>();
  const own = (index: number, field: 'netTotal' | 'listTotal') =>
    parseMinorUnits(lines[index]?.[field] ?? '0', minorUnits) ?? 0n;
  inputs.forEach((line, index) => {
    if (line.parentLineId === undefined) return;
    const priced = lines[index];
    if (priced) lines[index] = { ...priced, parentLineId: line.parentLineId };
    const seen = new Set<number>([index]);
    let parent = indexById.get(line.parentLineId);
    while (parent !== undefined && !seen.has(parent)) {
      seen.add(parent);
      net.set(parent, (net.get(parent) ?? own(parent, 'netTotal')) + own(index, 'netTotal'));
      list.set(parent, (list.get(parent) ?? own(parent, 'listTotal')) + own(index, 'listTotal'));
      const next = inputs[parent]?.parentLineId;
      parent = next === undefined ? undefined : indexById.get(next);
    }
  });
  for (const [index, total] of net) {
    const priced = lines[index];
    if (!priced) continue;
    lines[index] = {
      ...priced,
      bundleNetTotal: formatMinorUnits(total, minorUnits),
      bundleListTotal: formatMinorUnits(list.get(index) ?? 0n, minorUnits),
    };
  }
}
