import { z } from 'zod';

/** Decimal strings as the backend sends them (cards never do arithmetic on them). */
const Amount = z.string().regex(/^-?\d+(\.\d+)?$/);
const Period = z.string().regex(/^\d{4}-\d{2}$/);

/** `GET /api/v1/revenue/waterfall?from&to` (docs/revenue.md "Reports"). */
export const RevenueWaterfallSchema = z.object({
  from: Period,
  to: Period,
  currencies: z.array(
    z.object({
      currency: z.string(),
      months: z.array(z.object({ period: Period, recognized: Amount, deferredEnd: Amount })),
    }),
  ),
});
export type RevenueWaterfall = z.infer<typeof RevenueWaterfallSchema>;

/** `GET /api/v1/revenue/position?dealId=` : recognised to date and deferred per currency. */
export const RevenuePositionSchema = z.object({
  asOf: z.string(),
  throughPeriod: Period,
  currencies: z.array(
    z.object({ currency: z.string(), contractValue: Amount, recognizedToDate: Amount, deferred: Amount }),
  ),
});
export type RevenuePosition = z.infer<typeof RevenuePositionSchema>;
