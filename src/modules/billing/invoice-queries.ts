import type { Kysely } from 'kysely';
import type { DatabaseSchema, InvoiceStatus } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { minorUnitsOf } from '../../kernel/money/currency-minor-units.ts';
import { parseDecimal, ZERO } from '../../kernel/money/money.ts';
import { formatMoney } from '../../kernel/money/rounding.ts';
import {
  InstallmentsJson,
  InvoiceLinesJson,
  type InstallmentRecord,
  type InvoiceLineRecord,
} from './domain/invoice-records.ts';

/** An invoice as the API, the CLI and the cards see it. */
export interface InvoiceView {
  id: string;
  contractId: string;
  number: string | null;
  status: InvoiceStatus;
  invoiceDate: string;
  dueDate: string;
  currency: string;
  total: string;
  amountPaid: string;
  balanceDue: string;
  overdue: boolean;
  lines: InvoiceLineRecord[];
  installments: InstallmentRecord[];
  hubspotInvoiceId: string | null;
}

export interface InvoiceFilter {
  contractId?: string;
  /** Only issued invoices with a balance whose due date is before this day. */
  overdueAsOf?: string;
  statuses?: InvoiceStatus[];
  limit?: number;
}

/** Issued invoices past their due date with a balance are overdue (computed as of `today`). */
export async function listInvoices(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  today: string,
  filter: InvoiceFilter = {},
): Promise<InvoiceView[]> {
  let query = db.selectFrom('invoices').selectAll().where('portal_id', '=', portalId);
  if (filter.contractId !== undefined) query = query.where('contract_id', '=', filter.contractId);
  if (filter.statuses !== undefined) query = query.where('status', 'in', filter.statuses);
  if (filter.overdueAsOf !== undefined) {
    query = query.where('status', '=', 'issued').where('due_date', '<', filter.overdueAsOf);
  }
  const rows = await query
    .orderBy('invoice_date')
    .orderBy('id')
    .limit(filter.limit ?? 1000)
    .execute();
  return rows.map((row) => {
    const minorUnits = minorUnitsOf(row.currency);
    const balance = row.status === 'issued' ? parseDecimal(row.total).minus(parseDecimal(row.amount_paid)) : ZERO;
    const money = (value: ReturnType<typeof parseDecimal>): string => formatMoney(value, minorUnits, 'half-up');
    return {
      id: String(row.id),
      contractId: row.contract_id,
      number: row.number,
      status: row.status,
      invoiceDate: row.invoice_date,
      dueDate: row.due_date,
      currency: row.currency,
      total: row.total,
      amountPaid: money(parseDecimal(row.amount_paid)),
      balanceDue: money(balance),
      overdue: row.status === 'issued' && balance.gt(0) && row.due_date < today,
      lines: InvoiceLinesJson.parse(row.lines),
      installments: InstallmentsJson.parse(row.installments),
      hubspotInvoiceId: row.hubspot_invoice_id,
    };
  });
}

/** A contract's billing summary for the card: invoices plus totals and balance due. */
export interface ContractBillingSummary {
  contractId: string;
  currency: string | null;
  invoices: InvoiceView[];
  totals: { invoiced: string; paid: string; balanceDue: string; overdue: string };
}

export async function contractBillingSummary(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  contractId: string,
  today: string,
): Promise<ContractBillingSummary> {
  const invoices = await listInvoices(db, portalId, today, { contractId });
  const currency = invoices[0]?.currency ?? null;
  const minorUnits = currency === null ? 2 : minorUnitsOf(currency);
  const sum = (pick: (invoice: InvoiceView) => string, only: (invoice: InvoiceView) => boolean) =>
    formatMoney(
      invoices.filter(only).reduce((acc, invoice) => acc.plus(parseDecimal(pick(invoice))), ZERO),
      minorUnits,
      'half-up',
    );
  const billed = (invoice: InvoiceView) => invoice.status === 'issued' || invoice.status === 'paid';
  return {
    contractId,
    currency,
    invoices,
    totals: {
      invoiced: sum((invoice) => invoice.total, billed),
      paid: sum((invoice) => invoice.amountPaid, billed),
      balanceDue: sum((invoice) => invoice.balanceDue, billed),
      overdue: sum(
        (invoice) => invoice.balanceDue,
        (invoice) => invoice.overdue,
      ),
    },
  };
}
