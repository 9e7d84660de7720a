import { StatusTag } from '@hubspot/ui-extensions';
import type { InvoiceRow } from '../../api/billing-api-schemas.ts';

const LABELS: Record<InvoiceRow['status'], string> = {
  planned: 'Upcoming',
  issued: 'Open',
  paid: 'Paid',
  voided: 'Voided',
};

/** An invoice's state: upcoming, open, overdue, paid or voided. */
export function InvoiceStatusTag({ invoice }: { invoice: InvoiceRow }) {
  if (invoice.overdue) {
    return (
      <StatusTag testId={`invoice-status-${invoice.id}`} variant="danger">
        Overdue
      </StatusTag>
    );
  }
  const variant = invoice.status === 'paid' ? 'success' : invoice.status === 'voided' ? 'default' : 'info';
  return (
    <StatusTag testId={`invoice-status-${invoice.id}`} variant={variant}>
      {LABELS[invoice.status]}
    </StatusTag>
  );
}
