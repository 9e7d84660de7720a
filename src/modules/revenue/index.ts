// The revenue module's public surface (other modules import only this file).
export { computeRevenueSchedule } from './domain/revenue-schedule.ts';
export {
  RevenueScheduleRequestSchema,
  type RevenueScheduleRequest,
  type RevenueScheduleResponse,
} from './domain/revenue-schedule-schema.ts';
export { revenueModule, createRevenueModule, REVENUE_QUEUES } from './revenue-module.ts';
export { scheduleContractRevenue, type ContractReader } from './contract-revenue-scheduler.ts';
export { revenuePosition, type RevenuePosition } from './revenue-position.ts';
export { writeRevenueCsv, REVENUE_CSV_COLUMNS } from './revenue-csv-export.ts';
export { importSspRules } from './ssp-rules-service.ts';
export { REVENUE_ERROR_CODES } from './revenue-error-codes.ts';
export { PeriodRangeSchema } from './revenue-query-schemas.ts';
