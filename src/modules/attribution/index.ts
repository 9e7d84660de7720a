// The attribution module's public surface.
export { attribute, attributeDeal, type AttributionResponse } from './domain/attribute-deals.ts';
export {
  AttributionRequestSchema,
  ATTRIBUTION_MODELS,
  type AttributionRequest,
  type AttributionModel,
} from './domain/attribution-request-schema.ts';
export { ATTRIBUTION_ERROR_CODES } from './attribution-error-codes.ts';
export { attributionModule } from './attribution-module.ts';
