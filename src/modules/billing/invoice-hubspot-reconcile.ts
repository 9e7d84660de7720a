import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { minorUnitsOf } from '../../kernel/money/currency-minor-units.ts';
import { parseDecimal } from '../../kernel/money/money.ts';
import { formatMoney } from '../../kernel/money/rounding.ts';
import { readHubSpotInvoiceStatuses, type InvoiceSyncDeps } from './invoice-hubspot-sync.ts';
import { voidInvoice } from './invoice-void.ts';
import { recordPayments } from './payment-service.ts';

/**
 * Applies HubSpot-side invoice status changes (poll reconciliation; the webhook handler calls the
 * same functions): `paid` records a payment of the balance due (source `hubspot`, reference
 * `hubspot:<invoice id>`, so a repeat is a no-op) which marks the invoice paid; `voided` voids it.
 */
export async function reconcileHubSpotInvoices(
  deps: InvoiceSyncDeps & { events: Pick<DomainEvents, 'publish'>; now: () => number },
  portalId: PortalId,
): Promise<{ paid: number; voided: number }> {
  const changes = await readHubSpotInvoiceStatuses(deps, portalId);
  let paid = 0;
  let voided = 0;
  for (const change of changes) {
    if (change.status === 'voided') {
      const result = await voidInvoice(deps, portalId, change.invoiceId, { kind: 'hubspot', userId: null });
      if (result.changed) voided += 1;
      continue;
    }
    const invoice = await deps.db
      .selectFrom('invoices')
      .select(['total', 'amount_paid', 'currency'])
      .where('portal_id', '=', portalId)
      .where('id', '=', change.invoiceId)
      .executeTakeFirstOrThrow();
    const balance = parseDecimal(invoice.total).minus(parseDecimal(invoice.amount_paid));
    if (!balance.gt(0)) continue;
    const today = new Date(deps.now()).toISOString().slice(0, 10);
    await recordPayments(deps, portalId, [
      {
        invoiceNumber: change.number,
        amount: formatMoney(balance, minorUnitsOf(invoice.currency), 'half-up'),
        paidOn: today,
        reference: `hubspot:${change.invoiceId}`,
        source: 'hubspot',
      },
    ]);
    paid += 1;
  }
  return { paid, voided };
}
