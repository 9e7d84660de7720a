import type { AppModule } from '../../kernel/app-module.ts';
import { revenueScheduleRouter } from './revenue-schedule-route.ts';

/** Revenue recognition (docs/revenue.md): SSP allocation, revenue schedules, deferred revenue, exports. */
export const revenueModule: AppModule = {
  name: 'revenue',
  apiRouters: () => [revenueScheduleRouter()],
};
