import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError, type ErrorIssue } from '../../kernel/errors/app-error.ts';
import { issuePath } from '../../kernel/errors/parse-input.ts';
import { IsoDate, PositiveDecimalString } from '../../kernel/money/money-schemas.ts';
import { parseDecimal } from '../../kernel/money/money.ts';
import { formatMoney } from '../../kernel/money/rounding.ts';
import { minorUnitsOf } from '../../kernel/money/currency-minor-units.ts';
import { BILLING_ERROR_CODES } from './billing-error-codes.ts';
import { recordPayments, type PaymentDeps, type RecordedPayment } from './payment-service.ts';

/** One row of an accounting export: `invoice_number,amount,paid_on,reference`. */
const PaymentRow = z.strictObject({
  invoice_number: z.string().min(1, 'required'),
  amount: PositiveDecimalString,
  paid_on: IsoDate,
  reference: z.string().min(1, 'required').max(200),
});

export const PAYMENT_CSV_COLUMNS = ['invoice_number', 'amount', 'paid_on', 'reference'] as const;
const MAX_ROWS = 100_000;

function fail(issues: ErrorIssue[], message: string): never {
  throw new AppError('validation', BILLING_ERROR_CODES.paymentsImportInvalid, message, { issues });
}

/**
 * `cpq payments import <csv> --portal P`: every row is checked first (columns, amounts, dates, the
 * invoice exists and is open, the file's payments fit each balance due); any error is reported with
 * its line number and nothing is written. Then all rows are recorded in one transaction (which
 * checks again under row locks). Rows whose reference was already imported are skipped.
 */
export async function importPayments(
  deps: PaymentDeps,
  portalId: PortalId,
  csvText: string,
): Promise<{ recorded: number; skipped: number; payments: RecordedPayment[] }> {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(csvText, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
  } catch (error) {
    fail(
      [{ path: '', message: error instanceof Error ? error.message : 'unreadable CSV' }],
      'The file is not valid CSV',
    );
  }
  if (records.length === 0) fail([{ path: '', message: 'no payment rows' }], 'The file has no payment rows');
  if (records.length > MAX_ROWS) fail([{ path: '', message: `at most ${MAX_ROWS} rows` }], 'Too many rows');

  const issues: ErrorIssue[] = [];
  const rows: Array<{ line: number; row: z.infer<typeof PaymentRow> }> = [];
  for (const { record, info } of records) {
    const result = PaymentRow.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) {
        issues.push({
          path: `line ${info.lines}${issue.path.length ? `.${issuePath(issue.path)}` : ''}`,
          message: issue.message,
        });
      }
    } else rows.push({ line: info.lines, row: result.data });
  }
  await checkAgainstInvoices(deps.db, portalId, rows, issues);
  if (issues.length > 0) fail(issues, `${issues.length} problem(s) in the file; nothing was imported`);

  const payments = await recordPayments(
    deps,
    portalId,
    rows.map(({ row }) => ({
      invoiceNumber: row.invoice_number,
      amount: row.amount,
      paidOn: row.paid_on,
      reference: row.reference,
      source: 'import' as const,
    })),
  );
  const recorded = payments.filter((payment) => payment.recorded).length;
  return { recorded, skipped: payments.length - recorded, payments };
}

async function checkAgainstInvoices(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  rows: Array<{ line: number; row: z.infer<typeof PaymentRow> }>,
  issues: ErrorIssue[],
): Promise<void> {
  const numbers = [...new Set(rows.map(({ row }) => row.invoice_number))];
  if (numbers.length === 0) return;
  const invoices = await db
    .selectFrom('invoices')
    .select(['number', 'status', 'total', 'amount_paid', 'currency'])
    .where('portal_id', '=', portalId)
    .where('number', 'in', numbers)
    .execute();
  const known = await db
    .selectFrom('payments')
    .select('reference')
    .where('portal_id', '=', portalId)
    .where('source', '=', 'import')
    .where(
      'reference',
      'in',
      rows.map(({ row }) => row.reference),
    )
    .execute();
  const imported = new Set(known.map((payment) => payment.reference));
  const balances = new Map(
    invoices.map((invoice) => [
      invoice.number ?? '',
      {
        status: invoice.status,
        currency: invoice.currency,
        balance: parseDecimal(invoice.total).minus(parseDecimal(invoice.amount_paid)),
      },
    ]),
  );
  const seen = new Set<string>();
  for (const { line, row } of rows) {
    if (seen.has(row.reference)) {
      issues.push({ path: `line ${line}.reference`, message: `reference ${row.reference} appears twice in the file` });
      continue;
    }
    seen.add(row.reference);
    if (imported.has(row.reference)) continue;
    const invoice = balances.get(row.invoice_number);
    if (!invoice) {
      issues.push({ path: `line ${line}.invoice_number`, message: `no invoice numbered ${row.invoice_number}` });
      continue;
    }
    if (invoice.status !== 'issued') {
      issues.push({
        path: `line ${line}.invoice_number`,
        message: `invoice ${row.invoice_number} is ${invoice.status}`,
      });
      continue;
    }
    const amount = parseDecimal(row.amount);
    if (amount.gt(invoice.balance)) {
      issues.push({
        path: `line ${line}.amount`,
        message: `exceeds the balance due ${formatMoney(invoice.balance, minorUnitsOf(invoice.currency), 'half-up')} of ${row.invoice_number}`,
      });
      continue;
    }
    invoice.balance = invoice.balance.minus(amount);
  }
}
