/**
 * Per-line problems are reported as messages, never thrown (docs/pricing.md): the request was valid, so
 * the exit code stays 0 and the other lines are still priced (docs/pricing.md: "A line that cannot
 * be priced carries an error message and is left out of the totals"). Codes are a public, stable
 * list — add codes, never rename one.
 */
export const PRICING_MESSAGE_CODES = [
  'UNKNOWN_SKU',
  'NO_PRICE_IN_CURRENCY',
  'NO_COST_IN_CURRENCY',
  'QUANTITY_OUTSIDE_BLOCK_TIERS',
  'NEGATIVE_NET',
  'SCHEDULE_NOT_APPLICABLE_IN_CURRENCY',
  'CONTRACTED_PRICE_NOT_IN_CURRENCY',
  'PERCENT_OF_TOTAL_NO_COVERED_LINES',
] as const;

export type PricingMessageCode = (typeof PRICING_MESSAGE_CODES)[number];
export type PricingMessageLevel = 'error' | 'warning' | 'info';

export interface PricingMessage {
  level: PricingMessageLevel;
  code: PricingMessageCode;
  lineId?: string;
  text: string;
}

/** Which codes make a line unpriceable (error) and which only explain a choice (warning). */
export const MESSAGE_LEVEL: Readonly<Record<PricingMessageCode, PricingMessageLevel>> = {
  UNKNOWN_SKU: 'error',
  NO_PRICE_IN_CURRENCY: 'error',
  NO_COST_IN_CURRENCY: 'error',
  QUANTITY_OUTSIDE_BLOCK_TIERS: 'error',
  NEGATIVE_NET: 'error',
  SCHEDULE_NOT_APPLICABLE_IN_CURRENCY: 'warning',
  CONTRACTED_PRICE_NOT_IN_CURRENCY: 'warning',
  PERCENT_OF_TOTAL_NO_COVERED_LINES: 'warning',
};

export function lineMessage(code: PricingMessageCode, lineId: string, text: string): PricingMessage {
  return { level: MESSAGE_LEVEL[code], code, lineId, text };
}
