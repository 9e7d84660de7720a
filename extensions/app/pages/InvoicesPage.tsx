import { useEffect, useState } from 'react';
import {
  EmptyState,
  ErrorState,
  Flex,
  Heading,
  LoadingSpinner,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { InvoiceRow } from '../cards/api/billing-api-schemas.ts';
import { createCpqClient, CpqApiError } from '../cards/api/cpq-client.ts';
import { InvoiceStatusTag } from '../cards/components/billing/InvoiceStatusTag.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; overdue: InvoiceRow[]; upcoming: InvoiceRow[] };

function InvoiceTable({ invoices, testId }: { invoices: InvoiceRow[]; testId: string }) {
  if (invoices.length === 0) return <Text testId={`${testId}-empty`}>None</Text>;
  return (
    <Table bordered={true}>
      <TableHead>
        <TableRow>
          <TableHeader>Invoice</TableHeader>
          <TableHeader>Contract</TableHeader>
          <TableHeader>Date</TableHeader>
          <TableHeader>Due</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader>Balance</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {invoices.map((invoice) => (
          <TableRow key={invoice.id}>
            <TableCell>{invoice.number ?? 'Scheduled'}</TableCell>
            <TableCell>{invoice.contractId}</TableCell>
            <TableCell>{invoice.invoiceDate}</TableCell>
            <TableCell>{invoice.dueDate}</TableCell>
            <TableCell>
              <InvoiceStatusTag invoice={invoice} />
            </TableCell>
            <TableCell>
              <Text testId={`${testId}-amount-${invoice.id}`}>
                {`${invoice.status === 'planned' ? invoice.total : invoice.balanceDue} ${invoice.currency}`}
              </Text>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The "Invoices" app page: overdue invoices (with balance due) and upcoming ones across all deals. */
export function InvoicesPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    const client = createCpqClient();
    Promise.all([client.listInvoices('overdue'), client.listInvoices('planned')])
      .then(([overdue, upcoming]) =>
        setState({ kind: 'ready', overdue: overdue.invoices, upcoming: upcoming.invoices }),
      )
      .catch((error: unknown) =>
        setState({
          kind: 'error',
          message: error instanceof CpqApiError ? error.message : 'Invoices could not be loaded',
        }),
      );
  }, []);

  if (state.kind === 'loading') return <LoadingSpinner label="Loading invoices" />;
  if (state.kind === 'error') {
    return (
      <ErrorState title="Invoices could not be loaded">
        <Text testId="invoices-error">{state.message}</Text>
      </ErrorState>
    );
  }
  if (state.overdue.length === 0 && state.upcoming.length === 0) {
    return (
      <EmptyState title="No invoices" layout="vertical">
        <Text>Invoices appear here once contracts are billed.</Text>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="medium">
      <Heading>Overdue</Heading>
      <InvoiceTable invoices={state.overdue} testId="overdue" />
      <Heading>Upcoming</Heading>
      <InvoiceTable invoices={state.upcoming} testId="upcoming" />
    </Flex>
  );
}
