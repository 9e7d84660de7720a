import { attribute } from '../../src/modules/attribution/index.ts';
import type { AttributionModel, AttributionRequest } from '../../src/modules/attribution/index.ts';

type Touch = { id: string; occurredAt: string; campaign: string; channel?: string };

function touch(id: string, day: number, campaign = id): Touch {
  return { id, occurredAt: `2026-01-${String(day).padStart(2, '0')}T09:00:00Z`, campaign };
}

function oneDeal(
  model: AttributionModel,
  touches: Touch[],
  amount: string,
  extra: Partial<AttributionRequest['deals'][number]> = {},
) {
  return attribute({
    model,
    deals: [{ id: 'd1', currency: 'USD', amounts: { quoted: amount }, touchpoints: touches, ...extra }],
  });
}

function quotedById(result: ReturnType<typeof attribute>): Record<string, string> {
  return Object.fromEntries((result.byDeal[0]?.touchpoints ?? []).map((t) => [t.id, t.quoted]));
}

describe('attribution models (HubSpot weights; worked examples)', () => {
  test('linear gives every touch an equal share: 90.00 over A, B, C is 30.00 each', () => {
    const result = oneDeal('linear', [touch('A', 1), touch('B', 2), touch('C', 3)], '90.00');
    expect(quotedById(result)).toEqual({ A: '30.00', B: '30.00', C: '30.00' });
    expect(result.byCampaign.map((row) => [row.campaign, row.quoted, row.deals])).toEqual([
      ['A', '30.00', 1],
      ['B', '30.00', 1],
      ['C', '30.00', 1],
    ]);
  });

  test('w-shaped gives 30% to first, lead creation and deal creation and 10% over the others: 1,000 -> 300/300/50/300/50', () => {
    const result = oneDeal(
      'w-shaped',
      [touch('T1', 1), touch('T2', 2), touch('T3', 3), touch('T4', 4), touch('T5', 5)],
      '1000',
      {
        contactCreatedAt: '2026-01-02T12:00:00Z',
        dealCreatedAt: '2026-01-04T12:00:00Z',
        closedWonAt: '2026-01-20T00:00:00Z',
      },
    );
    expect(quotedById(result)).toEqual({ T1: '300.00', T2: '300.00', T3: '50.00', T4: '300.00', T5: '50.00' });
    const weights = result.byDeal[0]?.touchpoints.map((t) => t.weight);
    expect(weights).toEqual(['0.3', '0.3', '0.05', '0.3', '0.05']);
    expect(result.byDeal[0]?.touchpoints.map((t) => t.keyPoints)).toEqual([
      ['first'],
      ['lead-creation'],
      [],
      ['deal-creation'],
      ['closed-won', 'last'],
    ]);
  });

  test('time decay with a 7-day half-life weighs touches 0 and 7 days before close 1 : 0.5 -> 66.67 / 33.33', () => {
    const result = oneDeal('time-decay', [touch('old', 1), touch('new', 8)], '100', {
      closedWonAt: '2026-01-08T09:00:00Z',
    });
    expect(quotedById(result)).toEqual({ old: '33.33', new: '66.67' });
    expect(result.byDeal[0]?.touchpoints.map((t) => t.weight)).toEqual(['0.3333333333', '0.6666666667']);
  });

  test('time decay half-life is configurable: 14 days makes a 7-day-old touch weigh 2^-0.5', () => {
    const result = attribute({
      model: 'time-decay',
      halfLifeDays: '14',
      deals: [
        {
          id: 'd',
          currency: 'USD',
          amounts: { quoted: '100' },
          closedWonAt: '2026-01-08T09:00:00Z',
          touchpoints: [touch('old', 1), touch('new', 8)],
        },
      ],
    });
    // weights 0.70710678... and 1, normalised: 41.42 / 58.58
    expect(quotedById(result)).toEqual({ old: '41.42', new: '58.58' });
  });

  test('first interaction gives everything to the earliest touch', () => {
    expect(quotedById(oneDeal('first-interaction', [touch('B', 2), touch('A', 1)], '10'))).toEqual({
      A: '10.00',
      B: '0.00',
    });
  });

  test('last interaction gives everything to the last touch before closed-won, not to later touches', () => {
    const result = oneDeal('last-interaction', [touch('A', 1), touch('B', 2), touch('late', 9)], '10', {
      closedWonAt: '2026-01-05T00:00:00Z',
    });
    expect(quotedById(result)).toEqual({ A: '0.00', B: '10.00', late: '0.00' });
    expect(result.byDeal[0]?.touchpoints.find((t) => t.id === 'late')?.counted).toBe(false);
  });

  test('u-shaped spreads 20% over the touches between first and lead creation only', () => {
    const result = oneDeal('u-shaped', [touch('F', 1), touch('M', 2), touch('L', 3), touch('after', 4)], '100', {
      contactCreatedAt: '2026-01-03T12:00:00Z',
    });
    expect(quotedById(result)).toEqual({ F: '40.00', M: '20.00', L: '40.00', after: '0.00' });
  });

  test('u-shaped with two touches rescales to 50% / 50%', () => {
    const result = oneDeal('u-shaped', [touch('F', 1), touch('L', 3)], '100', {
      contactCreatedAt: '2026-01-03T12:00:00Z',
    });
    expect(quotedById(result)).toEqual({ F: '50.00', L: '50.00' });
  });

  test('j-shaped with two touches rescales 20/60 to 25% / 75%; inverse J to 75% / 25%', () => {
    expect(quotedById(oneDeal('j-shaped', [touch('A', 1), touch('B', 2)], '100'))).toEqual({ A: '25.00', B: '75.00' });
    expect(quotedById(oneDeal('inverse-j-shaped', [touch('A', 1), touch('B', 2)], '100'))).toEqual({
      A: '75.00',
      B: '25.00',
    });
  });

  test('j-shaped with others: 20% first, 60% last, 20% split over the rest', () => {
    expect(
      quotedById(oneDeal('j-shaped', [touch('A', 1), touch('B', 2), touch('C', 3), touch('D', 4)], '100')),
    ).toEqual({
      A: '20.00',
      B: '10.00',
      C: '10.00',
      D: '60.00',
    });
  });

  test('full path gives 22.5% to each of the four key points and 10% over the others', () => {
    const result = oneDeal(
      'full-path',
      [touch('F', 1), touch('L', 2), touch('X', 3), touch('D', 4), touch('W', 5)],
      '1000',
      {
        contactCreatedAt: '2026-01-02T12:00:00Z',
        dealCreatedAt: '2026-01-04T12:00:00Z',
        closedWonAt: '2026-01-05T12:00:00Z',
      },
    );
    expect(quotedById(result)).toEqual({ F: '225.00', L: '225.00', X: '100.00', D: '225.00', W: '225.00' });
  });

  test('key points on one touch add up: one touch takes 100% in every model', () => {
    for (const model of ['w-shaped', 'full-path', 'u-shaped', 'j-shaped', 'time-decay'] as const) {
      expect(
        quotedById(
          oneDeal(model, [touch('only', 1)], '12.34', {
            contactCreatedAt: '2026-01-02T00:00:00Z',
            dealCreatedAt: '2026-01-02T00:00:00Z',
          }),
        ),
      ).toEqual({ only: '12.34' });
    }
  });

  test('a deal with no counted touch is unattributed and reported in the null-campaign row, never dropped', () => {
    const result = attribute({
      model: 'linear',
      deals: [
        { id: 'none', currency: 'EUR', amounts: { quoted: '50', collected: '20' }, touchpoints: [] },
        {
          id: 'late',
          currency: 'EUR',
          amounts: { quoted: '5' },
          closedWonAt: '2026-01-01T00:00:00Z',
          touchpoints: [touch('after', 3)],
        },
      ],
    });
    expect(result.byDeal.map((d) => [d.id, d.unattributed])).toEqual([
      ['none', true],
      ['late', true],
    ]);
    expect(result.byCampaign).toEqual([
      {
        campaign: null,
        currency: 'EUR',
        deals: 2,
        quoted: '55.00',
        contracted: '0.00',
        invoiced: '0.00',
        collected: '20.00',
      },
    ]);
  });

  test('currencies are never summed together: one row per campaign and currency', () => {
    const result = attribute({
      model: 'linear',
      deals: [
        { id: 'u', currency: 'USD', amounts: { quoted: '10' }, touchpoints: [touch('web', 1, 'Webinar')] },
        { id: 'j', currency: 'JPY', amounts: { quoted: '1000' }, touchpoints: [touch('web2', 1, 'Webinar')] },
      ],
    });
    expect(result.byCampaign.map((r) => [r.campaign, r.currency, r.quoted])).toEqual([
      ['Webinar', 'JPY', '1000'],
      ['Webinar', 'USD', '10.00'],
    ]);
  });

  test('each amount stage is split with the same weights: quoted, contracted, invoiced, collected', () => {
    const result = attribute({
      model: 'w-shaped',
      deals: [
        {
          id: 'd1',
          currency: 'USD',
          amounts: { quoted: '1000', contracted: '1000', invoiced: '500', collected: '250' },
          contactCreatedAt: '2026-01-05T10:00:00Z',
          dealCreatedAt: '2026-02-01T00:00:00Z',
          closedWonAt: '2026-03-01T00:00:00Z',
          touchpoints: [
            {
              id: 't1',
              occurredAt: '2026-01-02T09:00:00Z',
              campaign: 'Spring webinar',
              channel: 'email-marketing',
              contactId: 'c1',
            },
          ],
        },
      ],
    });
    expect(result.byCampaign).toEqual([
      {
        campaign: 'Spring webinar',
        currency: 'USD',
        deals: 1,
        quoted: '1000.00',
        contracted: '1000.00',
        invoiced: '500.00',
        collected: '250.00',
      },
    ]);
    expect(result.byChannel[0]).toMatchObject({ channel: 'email-marketing', quoted: '1000.00' });
  });
});
