import { z } from 'zod';
import { DecimalString, IsoDate } from '../../../kernel/money/money-schemas.ts';

/**
 * The JSON stored in `invoices.lines`, `invoices.installments` and `credit_notes.lines`. Read back
 * from the database, so parsed with these schemas (never trusted as typed).
 */
export const InvoiceLineRecordSchema = z.object({
  /** The contract line. */
  lineId: z.string(),
  /** The contract segment billed (a subscription's original term or an amendment's change). */
  segmentId: z.string(),
  kind: z.enum(['recurring', 'one-time']),
  sku: z.string().nullable(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  quantity: DecimalString,
  prorationFactor: DecimalString,
  amount: DecimalString,
});
export type InvoiceLineRecord = z.infer<typeof InvoiceLineRecordSchema>;

export const InstallmentRecordSchema = z.object({ dueDate: IsoDate, amount: DecimalString, percent: DecimalString });
export type InstallmentRecord = z.infer<typeof InstallmentRecordSchema>;

export const CreditLineRecordSchema = z.object({
  lineId: z.string(),
  segmentId: z.string(),
  sku: z.string().nullable(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  quantity: DecimalString,
  amount: DecimalString,
});
export type CreditLineRecord = z.infer<typeof CreditLineRecordSchema>;

export const InvoiceLinesJson = z.array(InvoiceLineRecordSchema);
export const InstallmentsJson = z.array(InstallmentRecordSchema);
export const CreditLinesJson = z.array(CreditLineRecordSchema);
