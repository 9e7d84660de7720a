import { Decimal, HUNDRED, ONE, parseDecimal, ZERO } from '../../../kernel/money/money.ts';

/**
 * Standalone selling price of one unit of a contract line. ASC 606-10-32-32: the SSP is the price
 * at which the entity would sell the good separately; when it is not directly observable it is
 * estimated (32-33/34: e.g. an adjusted market assessment such as list price less a typical
 * discount). Rules are per product SKU or per category, per currency or for every currency (`*`).
 */
export interface SspRule {
  scope: 'product' | 'category';
  scopeKey: string;
  /** ISO 4217 code or `*`. */
  currency: string;
  kind: 'fixed' | 'list' | 'list-discount';
  /** kind fixed: unit SSP in `currency`. */
  amount: string | null;
  /** kind list-discount: typical discount percent off list. */
  discountPercent: string | null;
}

export type SspSource = SspRule['kind'] | 'list-price-default' | 'net-price-default';

export interface SspLineFacts {
  sku: string;
  category: string | null;
  /** Unit list price on the contract (per the subscription's term for subscriptions). */
  listUnitPrice: string;
  netUnitPrice: string;
}

export interface ResolvedSsp {
  unitSsp: Decimal;
  source: SspSource;
}

/**
 * The most specific rule wins: product + currency, product + any currency, category + currency,
 * category + any currency. Without a rule the list price is the estimate; a line without a list
 * price (a custom item) uses its own net price, so it is allocated its share as sold.
 */
export function resolveUnitSsp(rules: readonly SspRule[], line: SspLineFacts, currency: string): ResolvedSsp {
  const candidates: Array<[SspRule['scope'], string | null, string]> = [
    ['product', line.sku, currency],
    ['product', line.sku, '*'],
    ['category', line.category, currency],
    ['category', line.category, '*'],
  ];
  const list = parseDecimal(line.listUnitPrice);
  for (const [scope, key, ruleCurrency] of candidates) {
    if (key === null) continue;
    const rule = rules.find((r) => r.scope === scope && r.scopeKey === key && r.currency === ruleCurrency);
    if (!rule) continue;
    if (rule.kind === 'fixed' && rule.amount !== null) return { unitSsp: parseDecimal(rule.amount), source: 'fixed' };
    if (rule.kind === 'list') return { unitSsp: list, source: 'list' };
    if (rule.kind === 'list-discount' && rule.discountPercent !== null) {
      const factor = ONE.minus(parseDecimal(rule.discountPercent).div(HUNDRED));
      return { unitSsp: Decimal.max(ZERO, list.times(factor)), source: 'list-discount' };
    }
  }
  if (list.gt(0)) return { unitSsp: list, source: 'list-price-default' };
  return { unitSsp: Decimal.max(ZERO, parseDecimal(line.netUnitPrice)), source: 'net-price-default' };
}
