import type { Router } from 'express';
import { pureJsonRoute } from '../../kernel/http/pure-json-route.ts';
import { computeRevenueSchedule } from './domain/revenue-schedule.ts';
import { RevenueScheduleRequestSchema } from './domain/revenue-schedule-schema.ts';

/** `POST /api/v1/revenue/schedule`: same request/response as `cpq revenue-schedule` (public contract). */
export function revenueScheduleRouter(): Router {
  return pureJsonRoute({
    path: '/v1/revenue/schedule',
    code: 'REVENUE_REQUEST_INVALID',
    schema: RevenueScheduleRequestSchema,
    compute: computeRevenueSchedule,
  });
}
