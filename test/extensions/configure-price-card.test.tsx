import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Input,
  LoadingSpinner,
  Select,
  StatisticsItem,
  Table,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { ConfigurePriceCard } from '../../extensions/app/cards/ConfigurePriceCard.tsx';
import { fire, installFetchFake, line, pagingOf, quoteView, QUOTE_LIST } from './card-fetch-fake.ts';

// The renderer's context puts the card on deal 123 (crm.objectId). Importing the card also runs
// hubspot.extend(), a no-op outside HubSpot.
describe('Configure & Price card', () => {
  test('shows a spinner while the quotes load', () => {
    installFetchFake([]);
    const { render, find } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    expect(find(LoadingSpinner).props.label).toBe('Loading quotes');
  });

  test('a deal without quotes shows the empty state; "Create quote" posts an empty quote in the chosen currency', async () => {
    const { calls } = installFetchFake([
      ['GET', '/api/v1/deals/123/quotes', () => ({ status: 200, body: { quotes: [] } })],
      ['POST', '/api/v1/deals/123/quotes', () => ({ status: 201, body: quoteView({}, [], 0) })],
    ]);
    const { render, find, findByTestId, waitFor } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No quotes on this deal yet'));
    fire(findByTestId(Select, 'new-quote-currency'), 'onChange', 'EUR');
    await waitFor(() => expect(findByTestId(Select, 'new-quote-currency').props.value).toBe('EUR'));
    findByTestId(Button, 'create-quote').trigger('onClick');
    await waitFor(() => expect(findByTestId(StatisticsItem, 'total-net').props.number).toBe('1876.48 USD'));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      {
        method: 'POST',
        url: 'https://cpq.example.com/api/v1/deals/123/quotes?lineOffset=0&lineLimit=25',
        body: { currency: 'EUR', lines: [] },
      },
    ]);
  });

  test("the currencies offered for a new quote are the portal settings' allowed currencies, the first preselected", async () => {
    const { calls } = installFetchFake([
      ['GET', '/api/v1/deals/123/quotes', () => ({ status: 200, body: { quotes: [] } })],
      [
        'GET',
        '/api/v1/settings',
        () => ({
          status: 200,
          body: {
            roundingMode: 'half-even',
            quoteExpiryDays: 14,
            allowedCurrencies: ['SEK', 'NOK'],
            updatedAt: '2026-11-22T10:00:00.000Z',
          },
        }),
      ],
      ['POST', '/api/v1/deals/123/quotes', () => ({ status: 201, body: quoteView({ currency: 'SEK' }, [], 0) })],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() =>
      expect(findByTestId(Select, 'new-quote-currency').props.options).toEqual([
        { value: 'SEK', label: 'SEK' },
        { value: 'NOK', label: 'NOK' },
      ]),
    );
    expect(findByTestId(Select, 'new-quote-currency').props.value).toBe('SEK');
    findByTestId(Button, 'create-quote').trigger('onClick');
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.filter((c) => c.method === 'POST')[0]?.body).toEqual({ currency: 'SEK', lines: [] });
  });

  test('a failing backend shows the error state and an alert', async () => {
    installFetchFake([
      [
        'GET',
        '/api/v1/deals/123/quotes',
        () => ({ status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error', issues: [] } } }),
      ],
    ]);
    const { render, find, waitFor, mocks } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() => expect(find(ErrorState).props.title).toBe('Quotes could not be loaded'));
    expect(mocks.actions.addAlert.calls).toEqual([[{ type: 'danger', title: 'CPQ', message: 'Internal error' }]]);
  });

  test('a 403 shows the no-permission state', async () => {
    installFetchFake([
      [
        'GET',
        '/api/v1/deals/123/quotes',
        () => ({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'no', issues: [] } } }),
      ],
    ]);
    const { render, find, waitFor } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() => expect(find(ErrorState).props.title).toBe("You don't have permission to quote on this deal"));
  });

  test('totals and line prices are the API strings; editing a quantity sends that line and shows the repriced answer', async () => {
    const repriced = quoteView(
      { revision: 2, totals: { ...quoteView().totals, netTotal: '5629.44', tcv: '5629.44', oneTimeTotal: '5629.44' } },
      [line('l1', { quantity: '30', netTotal: '5629.44' })],
    );
    const { calls } = installFetchFake([
      ['GET', '/api/v1/deals/123/quotes', () => ({ status: 200, body: QUOTE_LIST })],
      ['GET', '/api/v1/quotes/q1', () => ({ status: 200, body: quoteView() })],
      ['PATCH', '/api/v1/quotes/q1', () => ({ status: 200, body: repriced })],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() => expect(findByTestId(Text, 'total-l1').text).toBe('1876.48 USD'));
    expect(findByTestId(StatisticsItem, 'total-tcv').props.number).toBe('1876.48 USD');
    fire(findByTestId(Input, 'quantity-l1'), 'onBlur', '30');
    await waitFor(() => expect(findByTestId(StatisticsItem, 'total-net').props.number).toBe('5629.44 USD'));
    expect(findByTestId(Text, 'total-l1').text).toBe('5629.44 USD');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      expectedRevision: 1,
      lineChanges: {
        upsert: [{ id: 'l1', sku: 'LAPTOP', quantity: '30', additionalDiscount: { percent: '20' }, termMonths: null }],
      },
    });
  });

  test('a 1,000-line quote is a 40-page table; page 3 asks the backend for lines 50..74', async () => {
    const page1 = Array.from({ length: 25 }, (_, i) => line(`l${i}`));
    const page3 = Array.from({ length: 25 }, (_, i) => line(`l${50 + i}`));
    const { calls } = installFetchFake([
      ['GET', '/api/v1/deals/123/quotes', () => ({ status: 200, body: QUOTE_LIST })],
      ['GET', /\/api\/v1\/quotes\/q1\?lineOffset=50/, () => ({ status: 200, body: quoteView({}, page3, 1000, 50) })],
      ['GET', '/api/v1/quotes/q1', () => ({ status: 200, body: quoteView({}, page1, 1000) })],
    ]);
    const { render, find, findByTestId, waitFor } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() => expect(pagingOf(find(Table, { paginated: true }))).toMatchObject({ pageCount: 40, page: 1 }));
    fire(find(Table, { paginated: true }), 'onPageChange', 3);
    await waitFor(() => expect(findByTestId(Text, 'total-l50').text).toBe('1876.48 USD'));
    expect(pagingOf(find(Table, { paginated: true })).page).toBe(3);
    expect(calls.at(-1)?.url).toBe('https://cpq.example.com/api/v1/quotes/q1?lineOffset=50&lineLimit=25');
  });

  test('a 429 from hubspot.fetch is retried with back-off instead of failing', async () => {
    let attempts = 0;
    installFetchFake([
      [
        'GET',
        '/api/v1/deals/123/quotes',
        () =>
          ++attempts === 1 ? { status: 429, headers: { 'retry-after': '0.01' } } : { status: 200, body: QUOTE_LIST },
      ],
      ['GET', '/api/v1/quotes/q1', () => ({ status: 200, body: quoteView({ pricesChangedSinceSaved: true }) })],
    ]);
    const { render, findByTestId, waitFor, mocks } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() => expect(findByTestId(Alert, 'prices-changed').props.title).toBe('Prices changed since saved'));
    expect(attempts).toBe(2);
    expect(mocks.actions.addAlert.calls).toEqual([]);
  });

  test("a line's waterfall shows each step's unit price from the API", async () => {
    installFetchFake([
      ['GET', '/api/v1/deals/123/quotes', () => ({ status: 200, body: QUOTE_LIST })],
      ['GET', '/api/v1/quotes/q1', () => ({ status: 200, body: quoteView() })],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() => findByTestId(Button, 'waterfall-l1'));
    findByTestId(Button, 'waterfall-l1').trigger('onClick');
    await waitFor(() => expect(findByTestId(Text, 'step-additional-discount').text).toBe('187.648 USD — 20%'));
    expect(findByTestId(Text, 'step-list').text).toBe('234.56 USD');
  });

  test('a rejected edit shows the backend message in an alert and keeps the last good quote', async () => {
    installFetchFake([
      ['GET', '/api/v1/deals/123/quotes', () => ({ status: 200, body: QUOTE_LIST })],
      ['GET', '/api/v1/quotes/q1', () => ({ status: 200, body: quoteView() })],
      [
        'PATCH',
        '/api/v1/quotes/q1',
        () => ({
          status: 400,
          body: {
            error: {
              code: 'QUOTE_INVALID',
              message: 'Invalid input at lines.0.quantity: must be an exact decimal string',
              issues: [],
            },
          },
        }),
      ],
    ]);
    const { render, findByTestId, waitFor, mocks } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() => findByTestId(Input, 'quantity-l1'));
    fire(findByTestId(Input, 'quantity-l1'), 'onBlur', 'ten');
    await waitFor(() =>
      expect(mocks.actions.addAlert.calls).toEqual([
        [
          {
            type: 'danger',
            title: 'CPQ',
            message: 'Invalid input at lines.0.quantity: must be an exact decimal string',
          },
        ],
      ]),
    );
    expect(findByTestId(Text, 'total-l1').text).toBe('1876.48 USD');
  });

  test('Delete archives the open quote and falls back to the empty state when it was the last one', async () => {
    let deleted = false;
    const { calls } = installFetchFake([
      ['GET', '/api/v1/deals/123/quotes', () => ({ status: 200, body: deleted ? { quotes: [] } : QUOTE_LIST })],
      ['GET', '/api/v1/quotes/q1', () => ({ status: 200, body: quoteView() })],
      ['DELETE', '/api/v1/quotes/q1', () => ((deleted = true), { status: 204 })],
    ]);
    const { render, find, findByTestId, waitFor } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);
    await waitFor(() => findByTestId(Button, 'delete-quote'));
    findByTestId(Button, 'delete-quote').trigger('onClick');
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No quotes on this deal yet'));
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual([
      'https://cpq.example.com/api/v1/quotes/q1',
    ]);
  });
});
