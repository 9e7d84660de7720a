import { StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { InvoicesPage } from '../../extensions/app/pages/InvoicesPage.tsx';
import { installFetchFake } from './card-fetch-fake.ts';

const row = (id: string, overrides: Record<string, unknown>) => ({
  id,
  contractId: 'c1',
  number: `INV-2026-00000${id}`,
  status: 'issued',
  invoiceDate: '2026-01-15',
  dueDate: '2026-02-14',
  currency: 'USD',
  total: '1000.00',
  amountPaid: '250.00',
  balanceDue: '750.00',
  overdue: true,
  ...overrides,
});

describe('Invoices app page', () => {
  test('lists overdue invoices with their balance due and upcoming ones with their amount', async () => {
    const { calls } = installFetchFake([
      ['GET', '/api/v1/billing/invoices?overdue=true', () => ({ status: 200, body: { invoices: [row('1', {})] } })],
      [
        'GET',
        '/api/v1/billing/invoices?status=planned',
        () => ({
          status: 200,
          body: {
            invoices: [
              row('2', { number: null, status: 'planned', overdue: false, balanceDue: '0.00', amountPaid: '0.00' }),
            ],
          },
        }),
      ],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('pages');
    render(<InvoicesPage />);
    await waitFor(() => expect(findByTestId(Text, 'overdue-amount-1').text).toBe('750.00 USD'));
    expect(findByTestId(StatusTag, 'invoice-status-1').text).toBe('Overdue');
    expect(findByTestId(Text, 'upcoming-amount-2').text).toBe('1000.00 USD');
    expect(calls.map((call) => call.url).sort()).toEqual([
      'https://cpq.example.com/api/v1/billing/invoices?overdue=true',
      'https://cpq.example.com/api/v1/billing/invoices?status=planned',
    ]);
  });

  test('an API failure shows an error state', async () => {
    installFetchFake([]);
    const { render, findByTestId, waitFor } = createRenderer('pages');
    render(<InvoicesPage />);
    await waitFor(() =>
      expect(findByTestId(Text, 'invoices-error').text).toBe(
        'no fake for GET https://cpq.example.com/api/v1/billing/invoices?overdue=true',
      ),
    );
  });
});
