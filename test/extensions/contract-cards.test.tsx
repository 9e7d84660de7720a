import { EmptyState, ErrorState, LoadingSpinner, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { ContractBillingCard } from '../../extensions/app/cards/ContractBillingCard.tsx';
import { CustomerContractsCard } from '../../extensions/app/cards/CustomerContractsCard.tsx';
import { installFetchFake } from './card-fetch-fake.ts';

const contract = {
  id: 'k1',
  portalId: 123,
  number: 'C-000001',
  dealId: '123',
  companyId: '123',
  quoteId: 'q1',
  status: 'active',
  currency: 'USD',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  totalValue: '13500.00',
  arr: '16200.00',
  renewalGroup: null,
  version: 2,
  createdAt: '2026-01-01T12:00:00.000Z',
  lines: [
    {
      id: 'l1',
      kind: 'subscription',
      sku: 'SEAT',
      name: 'Seat',
      quantity: '15',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      listUnitPrice: '1200',
      netUnitPrice: '1080',
      customerUnitPrice: '1080',
      termMonths: '12',
      netTotal: '13500.00',
      segments: [
        {
          id: 's1',
          quantity: '10',
          startDate: '2026-01-01',
          endDate: '2026-12-31',
          netUnitPrice: '1080',
          netAmount: '10800.00',
          sourceQuoteId: 'q1',
        },
        {
          id: 's2',
          quantity: '5',
          startDate: '2026-07-01',
          endDate: '2026-12-31',
          netUnitPrice: '1080',
          netAmount: '2700.00',
          sourceQuoteId: 'a1',
        },
      ],
    },
  ],
};

describe('Customer contracts card (company sidebar)', () => {
  test("shows each contract's status, term, ARR, renewal date and quantity history exactly as the API sent them", async () => {
    const { calls } = installFetchFake([
      ['GET', '/api/v1/companies/123/contracts', () => ({ status: 200, body: { contracts: [contract] } })],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.sidebar');
    render(<CustomerContractsCard />);
    await waitFor(() => expect(findByTestId(Text, 'contract-arr-C-000001').text).toBe('16200.00 USD'));
    expect(findByTestId(StatusTag, 'contract-status-C-000001').text).toBe('active');
    expect(findByTestId(Text, 'contract-term-C-000001').text).toBe('2026-01-01 – 2026-12-31');
    expect(findByTestId(Text, 'contract-renews-C-000001').text).toBe('2026-12-31');
    expect(findByTestId(Text, 'line-quantity-SEAT').text).toBe('15');
    expect(findByTestId(Text, 'line-history-SEAT').text).toBe('10 from 2026-01-01, 5 from 2026-07-01');
    expect(calls.map((c) => c.url)).toEqual(['https://cpq.example.com/api/v1/companies/123/contracts']);
  });

  test('shows a spinner while loading, then the empty state when the company has no contract', async () => {
    installFetchFake([['GET', '/api/v1/companies/123/contracts', () => ({ status: 200, body: { contracts: [] } })]]);
    const { render, find, waitFor } = createRenderer('crm.record.sidebar');
    render(<CustomerContractsCard />);
    expect(find(LoadingSpinner)).toBeDefined();
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No contracts yet'));
  });

  test('a 403 shows the permission state; a failure shows the error state', async () => {
    installFetchFake([
      [
        'GET',
        '/api/v1/companies/123/contracts',
        () => ({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'no', issues: [] } } }),
      ],
    ]);
    const forbidden = createRenderer('crm.record.sidebar');
    forbidden.render(<CustomerContractsCard />);
    await forbidden.waitFor(() =>
      expect(forbidden.find(ErrorState).props.title).toBe("You don't have permission to see contracts"),
    );
    installFetchFake([['GET', '/api/v1/companies/123/contracts', () => ({ status: 500, body: {} })]]);
    const failed = createRenderer('crm.record.sidebar');
    failed.render(<CustomerContractsCard />);
    await failed.waitFor(() => expect(failed.find(ErrorState).props.title).toBe('The contracts could not be loaded'));
  });
});

describe('Contract & billing card (deal tab)', () => {
  test("shows the deal's contract and mounts the billing and revenue sections in their slots", async () => {
    installFetchFake([
      ['GET', '/api/v1/deals/123/contracts', () => ({ status: 200, body: { contracts: [contract] } })],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.tab');
    render(
      <ContractBillingCard
        billingSection={(id) => <Text testId="billing-slot">{`billing of ${id}`}</Text>}
        revenueSection={(id) => <Text testId="revenue-slot">{`revenue of ${id}`}</Text>}
      />,
    );
    await waitFor(() => expect(findByTestId(Text, 'contract-arr-C-000001').text).toBe('16200.00 USD'));
    expect(findByTestId(Text, 'billing-slot').text).toBe('billing of k1');
    expect(findByTestId(Text, 'revenue-slot').text).toBe('revenue of k1');
  });

  test('without a contract the tab says when one appears; a failure shows the error state', async () => {
    installFetchFake([['GET', '/api/v1/deals/123/contracts', () => ({ status: 200, body: { contracts: [] } })]]);
    const empty = createRenderer('crm.record.tab');
    empty.render(<ContractBillingCard />);
    await empty.waitFor(() => expect(empty.find(EmptyState).props.title).toBe('No contracts yet'));
    installFetchFake([['GET', '/api/v1/deals/123/contracts', () => ({ status: 502, body: {} })]]);
    const failed = createRenderer('crm.record.tab');
    failed.render(<ContractBillingCard />);
    await failed.waitFor(() => expect(failed.find(ErrorState).props.title).toBe('The contracts could not be loaded'));
  });
});
