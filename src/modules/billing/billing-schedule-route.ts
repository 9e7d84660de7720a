import type { Router } from 'express';
import { pureJsonRoute } from '../../kernel/http/pure-json-route.ts';
import { BILLING_ERROR_CODES } from './billing-error-codes.ts';
import { computeBillingSchedule } from './domain/billing-schedule.ts';
import { BillingScheduleRequestSchema } from './domain/billing-schedule-schema.ts';

/** `POST /api/v1/billing/schedule`: same request/response as `cpq billing-schedule` (public contract). */
export function billingScheduleRouter(): Router {
  return pureJsonRoute({
    path: '/v1/billing/schedule',
    code: BILLING_ERROR_CODES.scheduleRequestInvalid,
    schema: BillingScheduleRequestSchema,
    compute: computeBillingSchedule,
  });
}
