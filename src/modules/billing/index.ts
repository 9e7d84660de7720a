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
export { billingModule, createBillingModule, type BillingModuleOptions } from './billing-module.ts';
export type { ContractSource } from './contract-source.ts';
export { runInvoices, type InvoiceRunResult } from './invoice-run.ts';
export {
  listInvoices,
  contractBillingSummary,
  type InvoiceView,
  type ContractBillingSummary,
} from './invoice-queries.ts';
export { importPayments } from './payments-import.ts';
export { rebuildContractPlan } from './contract-plan-service.ts';
