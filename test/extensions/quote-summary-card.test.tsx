import { Alert, EmptyState, ErrorState, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { QuoteSummaryCard } from '../../extensions/app/cards/QuoteSummaryCard.tsx';
import { installFetchFake, quoteView } from './card-fetch-fake.ts';

const totals = { ...quoteView().totals, netTotal: '4276.48', arr: '1200.00' };

describe('Quote summary card (deal sidebar)', () => {
  test("shows the primary quote's totals, status and sync state exactly as the API sent them", async () => {
    const { calls } = installFetchFake([
      [
        'GET',
        '/api/v1/deals/123/quote-summary',
        () => ({
          status: 200,
          body: {
            quoteCount: 2,
            primary: {
              id: 'q1',
              title: 'Quote 1',
              currency: 'USD',
              status: 'draft',
              revision: 3,
              totals,
              lineCount: 2,
              pricesChangedSinceSaved: true,
              sync: { state: 'synced', at: '2026-11-22T10:00:00.000Z' },
              updatedAt: '2026-11-22T09:59:00.000Z',
            },
          },
        }),
      ],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.sidebar');
    render(<QuoteSummaryCard />);
    await waitFor(() => expect(findByTestId(Text, 'summary-net').text).toBe('4276.48 USD'));
    expect(findByTestId(Text, 'summary-arr').text).toBe('1200.00 USD');
    expect(findByTestId(StatusTag, 'sync-state').text).toBe('Synced to HubSpot');
    expect(findByTestId(StatusTag, 'quote-status').text).toBe('draft · rev 3');
    expect(findByTestId(Text, 'summary-stale').text).toBe('Prices changed since saved');
    expect(calls.map((c) => c.url)).toEqual(['https://cpq.example.com/api/v1/deals/123/quote-summary']);
  });

  test('open divergences show as warning alerts: "HubSpot deal amount 1,200.00 differs from the primary quote 1,000.00"', async () => {
    const divergences = [
      {
        id: 7,
        field: 'amount',
        quoteId: 'q1',
        hubspotValue: '1200',
        appValue: '1000.00',
        occurredAt: '2026-11-22T10:00:00.000Z',
      },
      {
        id: 6,
        field: 'line_items',
        quoteId: 'q1',
        hubspotValue: 'changed line item 9001: quantity=3',
        appValue: '2 lines',
        occurredAt: '2026-11-22T09:00:00.000Z',
      },
    ];
    installFetchFake([
      [
        'GET',
        '/api/v1/deals/123/quote-summary',
        () => ({
          status: 200,
          body: {
            quoteCount: 1,
            divergences,
            primary: {
              id: 'q1',
              title: 'Quote 1',
              currency: 'USD',
              status: 'draft',
              revision: 1,
              totals,
              lineCount: 2,
              pricesChangedSinceSaved: false,
              sync: { state: 'synced', at: null },
              updatedAt: '2026-11-22T09:59:00.000Z',
            },
          },
        }),
      ],
    ]);
    const { render, findByTestId, findAll, waitFor } = createRenderer('crm.record.sidebar');
    render(<QuoteSummaryCard />);
    await waitFor(() =>
      expect(findByTestId(Alert, 'divergence-7').text).toBe(
        'HubSpot deal amount 1,200.00 differs from the primary quote 1,000.00',
      ),
    );
    expect(findByTestId(Alert, 'divergence-7').props.variant).toBe('warning');
    expect(findByTestId(Alert, 'divergence-6').text).toBe(
      'HubSpot line items changed (changed line item 9001: quantity=3); the primary quote has 2 lines',
    );
    expect(findAll(Alert)).toHaveLength(2);
  });

  test('a deal without a primary quote shows the empty state', async () => {
    installFetchFake([
      ['GET', '/api/v1/deals/123/quote-summary', () => ({ status: 200, body: { quoteCount: 0, primary: null } })],
    ]);
    const { render, find, waitFor } = createRenderer('crm.record.sidebar');
    render(<QuoteSummaryCard />);
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No primary quote'));
  });

  test('errors show the error state with an alert; 403 shows no permission', async () => {
    installFetchFake([
      [
        'GET',
        '/api/v1/deals/123/quote-summary',
        () => ({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'Database unavailable', issues: [] } } }),
      ],
    ]);
    const failing = createRenderer('crm.record.sidebar');
    failing.render(<QuoteSummaryCard />);
    await failing.waitFor(() =>
      expect(failing.find(ErrorState).props.title).toBe('The quote summary could not be loaded'),
    );
    expect(failing.mocks.actions.addAlert.calls).toEqual([
      [{ type: 'danger', title: 'CPQ', message: 'Database unavailable' }],
    ]);

    installFetchFake([
      [
        'GET',
        '/api/v1/deals/123/quote-summary',
        () => ({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'no', issues: [] } } }),
      ],
    ]);
    const forbidden = createRenderer('crm.record.sidebar');
    forbidden.render(<QuoteSummaryCard />);
    await forbidden.waitFor(() =>
      expect(forbidden.find(ErrorState).props.title).toBe("You don't have permission to see quotes"),
    );
  });
});
