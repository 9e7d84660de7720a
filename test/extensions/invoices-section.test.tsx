import { StatisticsItem, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { InvoicesSection } from '../../extensions/app/cards/components/billing/InvoicesSection.tsx';
import type { ContractBillingSummary, InvoiceRow } from '../../extensions/app/cards/api/billing-api-schemas.ts';

const invoice = (overrides: Partial<InvoiceRow>): InvoiceRow => ({
  id: '1',
  contractId: 'c1',
  number: 'INV-2026-000001',
  status: 'issued',
  invoiceDate: '2026-01-15',
  dueDate: '2026-02-14',
  currency: 'USD',
  total: '1000.00',
  amountPaid: '0.00',
  balanceDue: '1000.00',
  overdue: false,
  ...overrides,
});

const summary: ContractBillingSummary = {
  contractId: 'c1',
  currency: 'USD',
  invoices: [
    invoice({ id: '1', status: 'paid', amountPaid: '1000.00', balanceDue: '0.00' }),
    invoice({ id: '2', number: 'INV-2026-000002', invoiceDate: '2026-02-15', dueDate: '2026-03-17', overdue: true }),
    invoice({
      id: '3',
      number: null,
      status: 'planned',
      invoiceDate: '2026-03-15',
      dueDate: '2026-04-14',
      balanceDue: '0.00',
    }),
  ],
  totals: { invoiced: '2000.00', paid: '1000.00', balanceDue: '1000.00', overdue: '1000.00' },
};

describe('InvoicesSection (Contract & billing card)', () => {
  test('shows balance due, overdue and each invoice with status, amounts and due dates as the API sent them', () => {
    const { render, findByTestId } = createRenderer('crm.record.tab');
    render(<InvoicesSection summary={summary} />);
    expect(findByTestId(StatisticsItem, 'billing-balance').props.number).toBe('1000.00 USD');
    expect(findByTestId(StatisticsItem, 'billing-overdue').props.number).toBe('1000.00 USD');
    expect(findByTestId(StatusTag, 'invoice-status-1').text).toBe('Paid');
    expect(findByTestId(StatusTag, 'invoice-status-2').text).toBe('Overdue');
    expect(findByTestId(StatusTag, 'invoice-status-3').text).toBe('Upcoming');
    expect(findByTestId(Text, 'invoice-number-3').text).toBe('Scheduled');
    expect(findByTestId(Text, 'invoice-balance-2').text).toBe('1000.00 USD');
  });

  test('a contract without invoices shows an empty state', () => {
    const { render, findByTestId } = createRenderer('crm.record.tab');
    render(<InvoicesSection summary={{ ...summary, invoices: [] }} />);
    expect(findByTestId(Text, 'invoices-empty').text).toBe('The invoice schedule appears once the contract is billed.');
  });
});
