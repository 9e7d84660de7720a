import { Alert, Select, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { AttributionCard, formatShare } from '../../extensions/app/cards/AttributionCard.tsx';
import { fire, installFetchFake } from './card-fetch-fake.ts';

function report(
  model: string,
  touches: Array<{ id: string; weight: string; quoted: string; counted?: boolean }>,
  notes: string[] = [],
) {
  return {
    model,
    byCampaign: [],
    byChannel: [],
    byDeal: [
      {
        id: '123',
        currency: 'USD',
        unattributed: touches.length === 0,
        touchpoints: touches.map((touch) => ({
          occurredAt: '2026-01-02T09:00:00.000Z',
          campaign: `Campaign ${touch.id}`,
          channel: 'email-marketing',
          keyPoints: [],
          contracted: '0.00',
          invoiced: '0.00',
          collected: '0.00',
          counted: true,
          ...touch,
        })),
      },
    ],
    touchSources: ['import'],
    notes,
  };
}

describe('Campaign attribution card (deal sidebar)', () => {
  test('formatShare moves the decimal point of the API weight: 0.3 -> 30%, 0.3333333333 -> 33.33%, 1 -> 100%', () => {
    expect([
      formatShare('0.3'),
      formatShare('0.3333333333'),
      formatShare('1'),
      formatShare('0'),
      formatShare('0.05'),
    ]).toEqual(['30%', '33.33%', '100%', '0%', '5%']);
  });

  test("shows each touch's share and amount exactly as the API sent them, and refetches when the model changes", async () => {
    const { calls } = installFetchFake([
      [
        'GET',
        '/api/v1/attribution/deals/123?model=w-shaped',
        () => ({ status: 200, body: report('w-shaped', [{ id: 't1', weight: '0.3', quoted: '300.00' }]) }),
      ],
      [
        'GET',
        '/api/v1/attribution/deals/123?model=linear',
        () => ({ status: 200, body: report('linear', [{ id: 't1', weight: '1', quoted: '1000.00' }]) }),
      ],
    ]);
    const { render, find, findByTestId, waitFor } = createRenderer('crm.record.sidebar');
    render(<AttributionCard />);
    await waitFor(() => expect(findByTestId(Text, 'share-t1').text).toBe('30%'));
    expect(findByTestId(Text, 'quoted-t1').text).toBe('300.00');
    fire(find(Select), 'onChange', 'linear');
    await waitFor(() => expect(findByTestId(Text, 'share-t1').text).toBe('100%'));
    expect(findByTestId(Text, 'quoted-t1').text).toBe('1,000.00');
    expect(calls.map((call) => call.url)).toEqual([
      'https://cpq.example.com/api/v1/attribution/deals/123?model=w-shaped',
      'https://cpq.example.com/api/v1/attribution/deals/123?model=linear',
    ]);
  });

  test('an unattributed deal says so, and the source note is shown', async () => {
    installFetchFake([
      [
        'GET',
        '/api/v1/attribution/deals/123',
        () => ({ status: 200, body: report('w-shaped', [], ['Touchpoints come from source properties']) }),
      ],
    ]);
    const { render, find, findByTestId, waitFor } = createRenderer('crm.record.sidebar');
    render(<AttributionCard />);
    await waitFor(() => expect(findByTestId(Text, 'unattributed').text).toContain('unattributed'));
    expect(find(Alert).text).toContain('source properties');
  });
});
