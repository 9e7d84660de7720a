import { z } from 'zod';
import { BillingSettingsSchema } from './domain/billing-schedule-schema.ts';

/** The JSON in `billing_contracts.billing`: the contract's own settings and rounding mode. */
export const ContractBillingJson = z.object({
  settings: BillingSettingsSchema,
  roundingMode: z.enum(['half-up', 'half-even']),
});
export type ContractBilling = z.infer<typeof ContractBillingJson>;
