import { z } from 'zod';

/**
 * The billing API's answers as the cards read them (GET /api/v1/billing/contracts/:id/invoices and
 * GET /api/v1/billing/invoices). zod only: HubSpot bundles the cards on their own. Amounts are the
 * backend's decimal strings, shown as sent (no arithmetic in cards).
 */
export const InvoiceRowSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  number: z.string().nullable(),
  status: z.enum(['planned', 'issued', 'paid', 'voided']),
  invoiceDate: z.string(),
  dueDate: z.string(),
  currency: z.string(),
  total: z.string(),
  amountPaid: z.string(),
  balanceDue: z.string(),
  overdue: z.boolean(),
});
export type InvoiceRow = z.infer<typeof InvoiceRowSchema>;

export const ContractBillingSummarySchema = z.object({
  contractId: z.string(),
  currency: z.string().nullable(),
  invoices: z.array(InvoiceRowSchema),
  totals: z.object({ invoiced: z.string(), paid: z.string(), balanceDue: z.string(), overdue: z.string() }),
});
export type ContractBillingSummary = z.infer<typeof ContractBillingSummarySchema>;

export const InvoiceListSchema = z.object({ invoices: z.array(InvoiceRowSchema) });
export type InvoiceList = z.infer<typeof InvoiceListSchema>;
