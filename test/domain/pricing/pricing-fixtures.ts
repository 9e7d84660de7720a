import { parseInput } from '../../../src/kernel/errors/parse-input.ts';
import {
  PricingRequestSchema,
  type PricingRequest,
} from '../../../src/modules/pricing/domain/pricing-request-schema.ts';
import type { PricedLine, PricingResponse } from '../../../src/modules/pricing/domain/pricing-response-schema.ts';
import { priceQuote } from '../../../src/modules/pricing/domain/quote-pricing.ts';

type Catalog = PricingRequest['catalog'];
type Product = Catalog['products'][number];
type Schedule = NonNullable<Catalog['discountSchedules']>[number];

export interface QuoteSpec extends Omit<Partial<PricingRequest>, 'catalog'> {
  products?: Product[];
  schedules?: Schedule[];
}

/** Builds a request through the public schema (so every fixture is a valid contract request). */
export function buildRequest(spec: QuoteSpec): PricingRequest {
  const { products = [], schedules, ...rest } = spec;
  const input = {
    currency: 'USD',
    lines: [],
    ...rest,
    catalog: { products, ...(schedules ? { discountSchedules: schedules } : {}) },
  };
  return parseInput(PricingRequestSchema, input, 'PRICING_REQUEST_INVALID');
}

export function price(spec: QuoteSpec): PricingResponse {
  return priceQuote(buildRequest(spec));
}

export function lineOf(response: PricingResponse, id: string): PricedLine {
  const line = response.lines.find((candidate) => candidate.id === id);
  if (!line) throw new Error(`no line ${id} in response`);
  return line;
}

/** The single line of a one-line quote. */
export function priceLine(spec: QuoteSpec): PricedLine {
  const response = price(spec);
  const [first] = response.lines;
  if (!first || response.lines.length !== 1) throw new Error('expected exactly one line');
  return first;
}

export function stepsOf(line: PricedLine): string[] {
  return line.waterfall.map((step) => `${step.step} ${step.unitPrice}`);
}

export const laptop: Product = { sku: 'LAPTOP', name: 'Laptop', category: 'hardware', prices: { USD: '100' } };

export const volumeSchedule: Schedule = {
  id: 'VOL',
  type: 'range',
  tiers: [
    { lowerBound: '1', upperBound: '10', value: '10' },
    { lowerBound: '10', upperBound: '20', value: '20' },
    { lowerBound: '20', upperBound: null, value: '30' },
  ],
};
