// The attribution module's public surface.
export { attribute, attributeDeal, type AttributionResponse } from './domain/attribute-deals.ts';
export {
  AttributionRequestSchema,
  ATTRIBUTION_MODELS,
  type AttributionRequest,
  type AttributionModel,
} from './domain/attribution-request-schema.ts';
export { ATTRIBUTION_ERROR_CODES } from './attribution-error-codes.ts';
export { attributionModule, createAttributionModule } from './attribution-module.ts';
export {
  refreshDealFacts,
  ATTRIBUTION_FACTS_QUEUE,
  ATTRIBUTION_FACT_EVENTS,
  type DealAmountsPort,
} from './refresh-deal-facts.ts';
export { importTouchpoints } from './import-touchpoints.ts';
export {
  buildAttributionReport,
  buildDealAttribution,
  reportToCsv,
  ReportQuerySchema,
  type AttributionReport,
  type ReportQuery,
} from './attribution-report.ts';
export { attributionRepository, type DealFacts } from './attribution-repository.ts';
export { ATTRIBUTION_TENANT_TABLES, type AttributionTables } from './attribution-tables.ts';
