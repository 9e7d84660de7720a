import {
  BILLING_ERROR_CODES,
  BillingScheduleRequestSchema,
  computeBillingSchedule,
} from '../../modules/billing/index.ts';
import { pureJsonCommand } from '../pure-json-command.ts';

/** `npx cpq billing-schedule [file]`: lines + billing settings in, invoice schedule out (docs/billing.md). */
export const billingScheduleCommand = pureJsonCommand({
  name: 'billing-schedule',
  summary: 'Invoice schedule of subscription lines: billing request JSON in, invoices and credit notes out',
  code: BILLING_ERROR_CODES.scheduleRequestInvalid,
  schema: BillingScheduleRequestSchema,
  compute: computeBillingSchedule,
});
