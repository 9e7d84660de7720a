// The revenue module's public surface (other modules import only this file).
export { computeRevenueSchedule } from './domain/revenue-schedule.ts';
export {
  RevenueScheduleRequestSchema,
  type RevenueScheduleRequest,
  type RevenueScheduleResponse,
} from './domain/revenue-schedule-schema.ts';
export { revenueModule } from './revenue-module.ts';
