import {
  EmptyState,
  Flex,
  Statistics,
  StatisticsItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { ContractBillingSummary } from '../../api/billing-api-schemas.ts';
import { InvoiceStatusTag } from './InvoiceStatusTag.tsx';

/**
 * The invoices part of the "Contract & billing" card: balance due and overdue totals, then every
 * invoice (upcoming and issued) with its number, dates, status, amount and balance, as the billing
 * API computed them.
 */
export function InvoicesSection({ summary }: { summary: ContractBillingSummary }) {
  const currency = summary.currency ?? '';
  if (summary.invoices.length === 0) {
    return (
      <EmptyState title="No invoices yet" layout="vertical">
        <Text testId="invoices-empty">The invoice schedule appears once the contract is billed.</Text>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="small">
      <Statistics>
        <StatisticsItem testId="billing-invoiced" label="Invoiced" number={`${summary.totals.invoiced} ${currency}`} />
        <StatisticsItem testId="billing-paid" label="Paid" number={`${summary.totals.paid} ${currency}`} />
        <StatisticsItem
          testId="billing-balance"
          label="Balance due"
          number={`${summary.totals.balanceDue} ${currency}`}
        />
        <StatisticsItem testId="billing-overdue" label="Overdue" number={`${summary.totals.overdue} ${currency}`} />
      </Statistics>
      <Table bordered={true}>
        <TableHead>
          <TableRow>
            <TableHeader>Invoice</TableHeader>
            <TableHeader>Date</TableHeader>
            <TableHeader>Due</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Amount</TableHeader>
            <TableHeader>Balance</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {summary.invoices.map((invoice) => (
            <TableRow key={invoice.id}>
              <TableCell>
                <Text testId={`invoice-number-${invoice.id}`}>{invoice.number ?? 'Scheduled'}</Text>
              </TableCell>
              <TableCell>{invoice.invoiceDate}</TableCell>
              <TableCell>{invoice.dueDate}</TableCell>
              <TableCell>
                <InvoiceStatusTag invoice={invoice} />
              </TableCell>
              <TableCell>
                <Text testId={`invoice-total-${invoice.id}`}>{`${invoice.total} ${invoice.currency}`}</Text>
              </TableCell>
              <TableCell>
                <Text testId={`invoice-balance-${invoice.id}`}>{`${invoice.balanceDue} ${invoice.currency}`}</Text>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}
