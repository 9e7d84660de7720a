import type { AppModule } from '../../kernel/app-module.ts';
import { billingScheduleRouter } from './billing-schedule-route.ts';

/** Billing: the headless schedule API, invoices, credit notes, payments (docs/billing.md). */
export const billingModule: AppModule = {
  name: 'billing',
  apiRouters: () => [billingScheduleRouter()],
};
