import { z } from 'zod';
import { IsoDate } from '../../kernel/money/money-schemas.ts';

const Period = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** `from`/`to` months of a report, inclusive; at most 100 years. */
export const PeriodRangeSchema = z
  .object({ from: Period, to: Period })
  .refine((range) => range.from <= range.to, { path: ['to'], message: 'must not be before from' });

export const RowsQuerySchema = z.object({
  from: Period,
  to: Period,
  after: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const PositionQuerySchema = z
  .object({
    dealId: z
      .string()
      .regex(/^[0-9]{1,20}$/, 'must be a HubSpot id')
      .optional(),
    companyId: z
      .string()
      .regex(/^[0-9]{1,20}$/, 'must be a HubSpot id')
      .optional(),
    asOf: IsoDate.optional(),
  })
  .refine((q) => (q.dealId === undefined) !== (q.companyId === undefined), {
    path: ['dealId'],
    message: 'give exactly one of dealId or companyId',
  });

/** Opaque row cursor: base64url of the last row's key. */
export const RowCursorSchema = z.strictObject({ contractId: z.string(), lineId: z.string(), period: Period });
