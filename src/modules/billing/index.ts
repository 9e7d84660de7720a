// The billing module's public surface (other modules and the CLI import only this file).
export { computeBillingSchedule } from './domain/billing-schedule.ts';
export {
  BillingScheduleRequestSchema,
  BillingSettingsSchema,
  type BillingScheduleRequest,
  type BillingSettings,
} from './domain/billing-schedule-schema.ts';
export type { BillingScheduleResponse } from './domain/billing-schedule-response.ts';
export { BILLING_ERROR_CODES } from './billing-error-codes.ts';
export { billingModule } from './billing-module.ts';
