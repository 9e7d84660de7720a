import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { parseDecimal } from '../../kernel/money/money.ts';
import { recordAudit } from '../tenancy/index.ts';
import { BILLING_ERROR_CODES } from './billing-error-codes.ts';

/**
 * Voids an issued invoice that has no payment. The number stays used (the sequence keeps no gap);
 * the invoice's content is never edited. Voiding a voided invoice is a no-op (HubSpot's webhook and
 * our own void may both arrive).
 */
export async function voidInvoice(
  deps: { db: Kysely<DatabaseSchema>; events: Pick<DomainEvents, 'publish'>; now: () => number },
  portalId: PortalId,
  invoiceId: number,
  actor: { kind: 'user' | 'system' | 'hubspot'; userId: number | null },
): Promise<{ status: 'voided'; changed: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const invoice = await trx
      .selectFrom('invoices')
      .select(['id', 'status', 'amount_paid', 'contract_id', 'number'])
      .where('portal_id', '=', portalId)
      .where('id', '=', invoiceId)
      .forUpdate()
      .executeTakeFirst();
    if (!invoice) throw new AppError('not-found', BILLING_ERROR_CODES.invoiceNotFound, `No invoice ${invoiceId}`);
    if (invoice.status === 'voided') return { status: 'voided', changed: false };
    if (invoice.status !== 'issued' || !parseDecimal(invoice.amount_paid).isZero()) {
      throw new AppError(
        'conflict',
        BILLING_ERROR_CODES.invoiceStateConflict,
        `Invoice ${invoice.number ?? invoiceId} is ${invoice.status === 'issued' ? 'partly paid' : invoice.status}; issue a credit note instead`,
      );
    }
    await trx
      .updateTable('invoices')
      .set({ status: 'voided', voided_at: new Date(deps.now()), updated_at: new Date(deps.now()) })
      .where('portal_id', '=', portalId)
      .where('id', '=', invoiceId)
      .execute();
    await recordAudit(trx, portalId, {
      actorKind: actor.kind,
      actorUserId: actor.userId,
      action: 'invoice.voided',
      entityType: 'invoice',
      entityId: String(invoiceId),
      details: { number: invoice.number },
    });
    const event = { portalId, invoiceId: String(invoiceId), contractId: invoice.contract_id };
    await deps.events.publish('invoice.voided', event, { trx });
    return { status: 'voided', changed: true };
  });
}
