/** The response of `cpq billing-schedule` (public-interfaces). Decimals are strings, dates `YYYY-MM-DD`. */
export interface InvoiceLineOut {
  lineId: string;
  sku: string | null;
  periodStart: string;
  periodEnd: string;
  quantity: string;
  /** Days in the period / days of the full anchored period containing it, full precision ("1" when full). */
  prorationFactor: string;
  amount: string;
}

export interface InstallmentOut {
  dueDate: string;
  amount: string;
  percent: string;
}

export interface ScheduledInvoiceOut {
  sequence: number;
  invoiceDate: string;
  dueDate: string;
  lines: InvoiceLineOut[];
  total: string;
  installments: InstallmentOut[];
}

export interface CreditNoteLineOut {
  lineId: string;
  sku: string | null;
  periodStart: string;
  periodEnd: string;
  quantity: string;
  amount: string;
}

export interface CreditNoteOut {
  date: string;
  lines: CreditNoteLineOut[];
  total: string;
}

export interface BillingScheduleResponse {
  currency: string;
  invoices: ScheduledInvoiceOut[];
  creditNotes: CreditNoteOut[];
  totals: { invoiced: string; credited: string; net: string };
}
