import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { formatMoney } from '../../kernel/money/rounding.ts';
import { minorUnitsOf } from '../../kernel/money/currency-minor-units.ts';
import { parseDecimal } from '../../kernel/money/money.ts';
import { recordAudit } from '../tenancy/index.ts';
import { BILLING_ERROR_CODES } from './billing-error-codes.ts';

export interface PaymentInput {
  /** The invoice's number (`INV-2026-000123`). */
  invoiceNumber: string;
  amount: string;
  paidOn: string;
  reference: string;
  source: 'import' | 'api' | 'hubspot';
}

export interface PaymentDeps {
  db: Kysely<DatabaseSchema>;
  events: Pick<DomainEvents, 'publish'>;
  now: () => number;
}

export interface RecordedPayment {
  invoiceId: number;
  invoiceNumber: string;
  amountPaid: string;
  balanceDue: string;
  status: 'issued' | 'paid';
  /** false when this reference was already recorded (a re-import): nothing changed. */
  recorded: boolean;
}

/**
 * Records payments against issued invoices in ONE transaction: all or nothing (an import with one
 * bad row writes nothing). A payment may be partial; the invoice becomes `paid` (and `invoice.paid`
 * is published) when the payments reach its total. A payment above the balance due, or on a
 * voided/planned invoice, is refused. A reference already recorded for the same source is skipped,
 * so re-importing the same export is harmless.
 */
export async function recordPayments(
  deps: PaymentDeps,
  portalId: PortalId,
  payments: readonly PaymentInput[],
  actorUserId: number | null = null,
): Promise<RecordedPayment[]> {
  return deps.db.transaction().execute(async (trx) => {
    const results: RecordedPayment[] = [];
    for (const [index, payment] of payments.entries()) {
      const where = payments.length > 1 ? ` (payment ${index + 1})` : '';
      const invoice = await trx
        .selectFrom('invoices')
        .select(['id', 'contract_id', 'status', 'total', 'amount_paid', 'currency', 'number'])
        .where('portal_id', '=', portalId)
        .where('number', '=', payment.invoiceNumber)
        .forUpdate()
        .executeTakeFirst();
      if (!invoice) {
        throw new AppError(
          'not-found',
          BILLING_ERROR_CODES.invoiceNotFound,
          `No invoice ${payment.invoiceNumber}${where}`,
          {
            issues: [{ path: 'invoiceNumber', message: `no invoice numbered ${payment.invoiceNumber}` }],
          },
        );
      }
      const duplicate = await trx
        .selectFrom('payments')
        .select('id')
        .where('portal_id', '=', portalId)
        .where('source', '=', payment.source)
        .where('reference', '=', payment.reference)
        .executeTakeFirst();
      const minorUnits = minorUnitsOf(invoice.currency);
      const money = (text: string): string => formatMoney(parseDecimal(text), minorUnits, 'half-up');
      const balance = parseDecimal(invoice.total).minus(parseDecimal(invoice.amount_paid));
      if (duplicate) {
        results.push({
          invoiceId: Number(invoice.id),
          invoiceNumber: payment.invoiceNumber,
          amountPaid: money(invoice.amount_paid),
          balanceDue: money(balance.toString()),
          status: invoice.status === 'paid' ? 'paid' : 'issued',
          recorded: false,
        });
        continue;
      }
      if (invoice.status !== 'issued') {
        throw new AppError(
          'conflict',
          BILLING_ERROR_CODES.invoiceStateConflict,
          `Invoice ${payment.invoiceNumber} is ${invoice.status}${where}`,
          { issues: [{ path: 'invoiceNumber', message: `invoice is ${invoice.status}, not open for payment` }] },
        );
      }
      const amount = parseDecimal(payment.amount);
      if (amount.gt(balance)) {
        throw new AppError(
          'validation',
          BILLING_ERROR_CODES.paymentExceedsBalance,
          `Payment ${payment.amount} exceeds the balance due ${money(balance.toString())} of ${payment.invoiceNumber}${where}`,
          { issues: [{ path: 'amount', message: `exceeds the balance due ${money(balance.toString())}` }] },
        );
      }
      const paid = parseDecimal(invoice.amount_paid).plus(amount);
      const fullyPaid = paid.eq(parseDecimal(invoice.total));
      await trx
        .insertInto('payments')
        .values({
          portal_id: portalId,
          invoice_id: invoice.id,
          amount: money(payment.amount),
          paid_on: payment.paidOn,
          source: payment.source,
          reference: payment.reference,
        })
        .execute();
      await trx
        .updateTable('invoices')
        .set({
          amount_paid: money(paid.toString()),
          ...(fullyPaid ? { status: 'paid' as const, paid_at: new Date(deps.now()) } : {}),
          updated_at: new Date(deps.now()),
        })
        .where('portal_id', '=', portalId)
        .where('id', '=', invoice.id)
        .execute();
      await recordAudit(trx, portalId, {
        actorKind: payment.source === 'hubspot' ? 'hubspot' : actorUserId === null ? 'system' : 'user',
        actorUserId,
        action: 'payment.recorded',
        entityType: 'invoice',
        entityId: String(invoice.id),
        details: { number: payment.invoiceNumber, amount: money(payment.amount), reference: payment.reference },
      });
      if (fullyPaid) {
        const event = { portalId, invoiceId: String(invoice.id), contractId: invoice.contract_id };
        await deps.events.publish('invoice.paid', event, { trx });
      }
      results.push({
        invoiceId: Number(invoice.id),
        invoiceNumber: payment.invoiceNumber,
        amountPaid: money(paid.toString()),
        balanceDue: money(balance.minus(amount).toString()),
        status: fullyPaid ? 'paid' : 'issued',
        recorded: true,
      });
    }
    return results;
  });
}
