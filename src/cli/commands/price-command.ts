import { PricingRequestSchema, priceQuote } from '../../modules/pricing/index.ts';
import { pureJsonCommand } from '../pure-json-command.ts';

/** `npx cpq price [file]`: pricing request JSON in, pricing response JSON out (docs/pricing.md). */
export const priceCommand = pureJsonCommand({
  name: 'price',
  summary: 'Price a quote: pricing request JSON in, pricing response JSON out',
  code: 'PRICING_REQUEST_INVALID',
  schema: PricingRequestSchema,
  compute: priceQuote,
});
