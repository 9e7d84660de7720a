import { z } from 'zod';

/**
 * The contract JSON the card routes answer (src/modules/contracts/contract-view.ts, ContractView).
 * Decimals are strings; the cards display them and compute nothing. Objects are not strict, so
 * fields the backend adds later do not break a deployed card.
 */
const DecimalText = z.string();

export const ContractSegmentSchema = z.object({
  id: z.string(),
  quantity: DecimalText,
  startDate: z.string(),
  endDate: z.string(),
  netUnitPrice: DecimalText,
  netAmount: DecimalText,
  sourceQuoteId: z.string(),
});

export const ContractLineSchema = z.object({
  id: z.string(),
  kind: z.enum(['subscription', 'one-time']),
  sku: z.string(),
  name: z.string(),
  quantity: DecimalText,
  startDate: z.string(),
  endDate: z.string(),
  listUnitPrice: DecimalText,
  netUnitPrice: DecimalText,
  termMonths: DecimalText.nullable(),
  netTotal: DecimalText,
  segments: z.array(ContractSegmentSchema),
});

export const ContractSchema = z.object({
  id: z.string(),
  number: z.string(),
  dealId: z.string(),
  companyId: z.string().nullable(),
  status: z.enum(['active', 'expired', 'cancelled', 'renewed']),
  currency: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  totalValue: DecimalText,
  arr: DecimalText,
  renewalGroup: z.string().nullable(),
  lines: z.array(ContractLineSchema),
});

export const ContractListResponseSchema = z.object({ contracts: z.array(ContractSchema) });

export type ContractCardView = z.infer<typeof ContractSchema>;
export type ContractListResponse = z.infer<typeof ContractListResponseSchema>;
