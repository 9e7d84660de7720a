import { BarChart, EmptyState, LineChart, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { RevenueSection } from '../../extensions/app/cards/components/RevenueSection.tsx';
import { RevenuePage } from '../../extensions/app/pages/RevenuePage.tsx';
import { installFetchFake } from './card-fetch-fake.ts';

const waterfall = {
  from: '2026-01',
  to: '2026-03',
  currencies: [
    {
      currency: 'USD',
      months: [
        { period: '2026-01', recognized: '475.02', deferredEnd: '984.98' },
        { period: '2026-02', recognized: '191.03', deferredEnd: '793.95' },
        { period: '2026-03', recognized: '80.43', deferredEnd: '713.52' },
      ],
    },
  ],
};

describe('Revenue app page', () => {
  test('charts recognised revenue by month (bar) and the deferred balance (line) with the API amounts as sent', async () => {
    const { calls } = installFetchFake([
      ['GET', '/api/v1/revenue/waterfall', () => ({ status: 200, body: waterfall })],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.tab');
    render(<RevenuePage from="2026-01" to="2026-03" />);
    await waitFor(() => expect(findByTestId(BarChart, 'revenue-recognized')).toBeDefined());
    expect(findByTestId(BarChart, 'revenue-recognized').props.data).toEqual([
      { month: '2026-01', recognized: '475.02' },
      { month: '2026-02', recognized: '191.03' },
      { month: '2026-03', recognized: '80.43' },
    ]);
    expect(findByTestId(LineChart, 'revenue-deferred').props.data).toEqual([
      { month: '2026-01', deferred: '984.98' },
      { month: '2026-02', deferred: '793.95' },
      { month: '2026-03', deferred: '713.52' },
    ]);
    expect(calls.map((c) => c.url)).toEqual([
      'https://cpq.example.com/api/v1/revenue/waterfall?from=2026-01&to=2026-03',
    ]);
  });

  test('a portal without schedules shows an empty state', async () => {
    installFetchFake([
      ['GET', '/api/v1/revenue/waterfall', () => ({ status: 200, body: { ...waterfall, currencies: [] } })],
    ]);
    const { render, find, waitFor } = createRenderer('crm.record.tab');
    render(<RevenuePage from="2026-01" to="2026-03" />);
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No revenue yet'));
  });
});

describe('Contract & billing card: revenue section', () => {
  test('shows contract value, recognised to date and deferred for the deal exactly as the API sent them', async () => {
    const { calls } = installFetchFake([
      [
        'GET',
        '/api/v1/revenue/position',
        () => ({
          status: 200,
          body: {
            dealId: '9001',
            asOf: '2026-03-15',
            throughPeriod: '2026-02',
            currencies: [{ currency: 'USD', contractValue: '1460.00', recognizedToDate: '666.05', deferred: '793.95' }],
          },
        }),
      ],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.sidebar');
    render(<RevenueSection dealId="9001" />);
    await waitFor(() => expect(findByTestId(Text, 'revenue-recognized-USD').text).toBe('666.05 USD'));
    expect(findByTestId(Text, 'revenue-value-USD').text).toBe('1,460.00 USD');
    expect(findByTestId(Text, 'revenue-deferred-USD').text).toBe('793.95 USD');
    expect(findByTestId(Text, 'revenue-through').text).toBe('Recognized through 2026-02');
    expect(calls.map((c) => c.url)).toEqual(['https://cpq.example.com/api/v1/revenue/position?dealId=9001']);
  });
});
