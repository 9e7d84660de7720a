import { computeRevenueSchedule, RevenueScheduleRequestSchema } from '../../modules/revenue/index.ts';
import { pureJsonCommand } from '../pure-json-command.ts';

/** `npx cpq revenue-schedule [file]`: revenue schedule request JSON in, response JSON out (docs/revenue.md). */
export const revenueScheduleCommand = pureJsonCommand({
  name: 'revenue-schedule',
  summary: 'Allocate by SSP and spread revenue by month: request JSON in, schedule JSON out',
  code: 'REVENUE_REQUEST_INVALID',
  schema: RevenueScheduleRequestSchema,
  compute: computeRevenueSchedule,
});
