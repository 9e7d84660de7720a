import fc from 'fast-check';
import { attribute, ATTRIBUTION_MODELS } from '../../src/modules/attribution/index.ts';
import { Decimal } from '../../src/kernel/money/money.ts';

const day = 86_400_000;
const base = Date.UTC(2026, 0, 1);
const iso = (offsetMs: number) => new Date(base + offsetMs).toISOString();

interface DealShape {
  cents: bigint;
  touchOffsets: number[];
  contact: number;
  deal: number;
  won: number | undefined;
}

const dealArb: fc.Arbitrary<DealShape> = fc.record({
  cents: fc.bigInt({ min: 0n, max: 10_000_000n }),
  touchOffsets: fc.array(fc.integer({ min: 0, max: 90 * day }), { maxLength: 12 }),
  contact: fc.integer({ min: 0, max: 90 * day }),
  deal: fc.integer({ min: 0, max: 90 * day }),
  won: fc.option(fc.integer({ min: 0, max: 120 * day }), { nil: undefined }),
});

function request(model: (typeof ATTRIBUTION_MODELS)[number], deal: DealShape, order: number[] | null) {
  const touches = deal.touchOffsets.map((offset, index) => ({
    id: `t${index}`,
    occurredAt: iso(offset),
    campaign: `c${index % 3}`,
  }));
  const ordered = order ? order.map((index) => touches[index]).filter((t) => t !== undefined) : touches;
  const amount = new Decimal(deal.cents.toString()).div(100).toFixed(2);
  return {
    model,
    deals: [
      {
        id: 'd',
        currency: 'USD',
        amounts: { quoted: amount, collected: amount },
        contactCreatedAt: iso(deal.contact),
        dealCreatedAt: iso(deal.deal),
        ...(deal.won === undefined ? {} : { closedWonAt: iso(deal.won) }),
        touchpoints: ordered,
      },
    ],
  };
}

describe('attribution properties', () => {
  test('a deal’s parts sum exactly to its amount and its weights to exactly 1, in every model', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ATTRIBUTION_MODELS), dealArb, (model, deal) => {
        const result = attribute(request(model, deal, null));
        const attributed = result.byDeal[0];
        if (!attributed || attributed.unattributed) return;
        const total = attributed.touchpoints.reduce((sum, t) => sum.plus(t.quoted), new Decimal(0));
        const weights = attributed.touchpoints.reduce((sum, t) => sum.plus(t.weight), new Decimal(0));
        expect(total.toFixed(2)).toBe(new Decimal(deal.cents.toString()).div(100).toFixed(2));
        expect(weights.toString()).toBe('1');
        for (const t of attributed.touchpoints) expect(new Decimal(t.quoted).isNegative()).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test('campaign rows sum to the deals’ totals (unattributed row included)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ATTRIBUTION_MODELS), dealArb, (model, deal) => {
        const result = attribute(request(model, deal, null));
        const sum = result.byCampaign.reduce((total, row) => total.plus(row.collected), new Decimal(0));
        expect(sum.toFixed(2)).toBe(new Decimal(deal.cents.toString()).div(100).toFixed(2));
      }),
      { numRuns: 200 },
    );
  });

  test('the order of touches in the input does not matter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ATTRIBUTION_MODELS),
        dealArb.chain((deal) =>
          fc.tuple(
            fc.constant(deal),
            fc.shuffledSubarray([...deal.touchOffsets.keys()], { minLength: deal.touchOffsets.length }),
          ),
        ),
        (model, [deal, order]) => {
          expect(attribute(request(model, deal, order))).toEqual(attribute(request(model, deal, null)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
