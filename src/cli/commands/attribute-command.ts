import { ATTRIBUTION_ERROR_CODES, AttributionRequestSchema, attribute } from '../../modules/attribution/index.ts';
import { pureJsonCommand } from '../pure-json-command.ts';

/** `npx cpq attribute [file]`: attribution request JSON in, per-campaign and per-deal JSON out (docs/attribution.md). */
export const attributeCommand = pureJsonCommand({
  name: 'attribute',
  summary: 'Attribute quoted/contracted/invoiced/collected revenue to campaigns (nine HubSpot models)',
  code: ATTRIBUTION_ERROR_CODES.requestInvalid,
  schema: AttributionRequestSchema,
  compute: attribute,
});
