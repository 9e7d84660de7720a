import fc from 'fast-check';
import { Decimal } from '../../../src/kernel/money/money.ts';
import type { PricingRequest } from '../../../src/modules/pricing/domain/pricing-request-schema.ts';
import { PricingResponseSchema } from '../../../src/modules/pricing/domain/pricing-response-schema.ts';
import { priceQuote } from '../../../src/modules/pricing/domain/quote-pricing.ts';
import { buildRequest } from './pricing-fixtures.ts';

/** An exact decimal string with `scale` decimals from an integer draw (test data only). */
const decimalText = (min: number, max: number, scale: number) =>
  fc.integer({ min, max }).map((n) => new Decimal(n).div(new Decimal(10).pow(scale)).toString());
const percentText = decimalText(0, 10000, 2); // 0..100 with 2 decimals

const scheduleArb = (id: string) =>
  fc
    .record({
      type: fc.constantFrom('range' as const, 'slab' as const),
      aggregation: fc.constantFrom('line' as const, 'quote' as const, 'account' as const),
      values: fc.array(percentText, { minLength: 1, maxLength: 4 }),
    })
    .map(({ type, aggregation, values }) => ({
      id,
      type,
      aggregation,
      tiers: values.map((value, i) => ({
        lowerBound: `${i * 10}`,
        upperBound: i === values.length - 1 ? null : `${(i + 1) * 10}`,
        value,
      })),
    }));

const productArb = (sku: string) =>
  fc
    .record({
      price: decimalText(0, 1_000_000, 2),
      recurring: fc.boolean(),
      defaultTerm: fc.constantFrom('1', '12', '36'),
      scheduled: fc.boolean(),
      block: fc.boolean(),
      category: fc.constantFrom('hardware', 'software'),
    })
    .map((p) => ({
      sku,
      category: p.category,
      ...(p.block
        ? {
            pricingMethod: 'block' as const,
            blockTiers: [
              { lowerBound: '0', upperBound: '50', price: { USD: p.price } },
              { lowerBound: '50', price: { USD: p.price } },
            ],
          }
        : { prices: { USD: p.price } }),
      ...(p.recurring ? { recurring: { defaultTermMonths: p.defaultTerm } } : {}),
      ...(p.scheduled ? { discountSchedule: 'S' } : {}),
    }));

const percentOfTotalArb = fc
  .record({
    percent: percentText,
    base: fc.constantFrom('list' as const, 'regular' as const, 'customer' as const, 'net' as const),
    categories: fc.subarray(['hardware', 'software']),
    min: fc.option(decimalText(0, 5000, 2), { nil: undefined }),
  })
  .map(({ min, ...config }) => ({
    sku: 'POT',
    pricingMethod: 'percent-of-total' as const,
    percentOfTotal: { ...config, ...(min === undefined ? {} : { min: { USD: min } }) },
  }));

const contractedArb = fc.array(
  fc
    .record({ target: fc.constantFrom('A', 'B', 'C', 'POT', 'hardware', 'software'), discountPercent: percentText })
    .map(({ target, discountPercent }) =>
      target.length > 3 ? { category: target, discountPercent } : { sku: target, discountPercent },
    ),
  { maxLength: 3 },
);

const lineArb = fc.record({
  sku: fc.constantFrom('A', 'B', 'C', 'POT', 'MISSING'),
  quantity: decimalText(0, 200_000, 3),
  discount: fc.option(
    fc.oneof(
      percentText.map((percent) => ({ percent })),
      decimalText(0, 50, 0).map((amount) => ({ amount })),
    ),
    { nil: undefined },
  ),
  term: fc.option(
    fc.oneof(
      fc.integer({ min: 1, max: 60 }).map((m) => ({ months: `${m}` })),
      fc
        .record({
          start: fc.integer({ min: 0, max: 1500 }),
          days: fc.integer({ min: 0, max: 1200 }),
          precision: fc.constantFrom('day' as const, 'month' as const, 'monthly+daily' as const),
        })
        .map(({ start, days, precision }) => ({
          startDate: isoDay(start),
          endDate: isoDay(start + days),
          prorationPrecision: precision,
        })),
    ),
    { nil: undefined },
  ),
});

function isoDay(offset: number): string {
  const base = Date.UTC(2026, 0, 1); // calendar arithmetic on test dates, not money
  return new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
}

const quoteArb = fc
  .record({
    products: fc.tuple(productArb('A'), productArb('B'), productArb('C'), percentOfTotalArb),
    contracted: contractedArb,
    schedule: scheduleArb('S'),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }),
    partner: fc.option(percentText, { nil: undefined }),
    distributor: fc.option(percentText, { nil: undefined }),
    additionalLast: fc.boolean(),
    offList: fc.boolean(),
    roundingMode: fc.constantFrom('half-up' as const, 'half-even' as const),
    prior: decimalText(0, 100, 0),
  })
  .map((q): PricingRequest =>
    buildRequest({
      options: {
        applyAdditionalDiscountLast: q.additionalLast,
        channelDiscountsOffList: q.offList,
        roundingMode: q.roundingMode,
      },
      products: [...q.products],
      schedules: [q.schedule],
      account: {
        partnerDiscountPercent: q.partner ?? null,
        distributorDiscountPercent: q.distributor ?? null,
        priorQuantities: { A: q.prior },
        contractedPrices: q.contracted,
      },
      lines: q.lines.map((line, i) => ({
        id: `l${i}`,
        sku: line.sku,
        quantity: line.quantity,
        ...(line.discount ? { additionalDiscount: line.discount } : {}),
        ...(line.term ? { term: line.term } : {}),
      })),
    }),
  );

const sum = (values: (string | null)[]) =>
  values.reduce((acc, value) => (value === null ? acc : acc.plus(value)), new Decimal(0));

describe('pricing properties (fast-check)', () => {
  test('net <= list when no negative adjustment exists (percent discounts 0..100, contracted % off, no surcharges)', () => {
    fc.assert(
      fc.property(quoteArb, (request) => {
        const response = priceQuote(request);
        for (const line of response.lines) {
          if (line.status !== 'priced' || line.netTotal === null || line.listTotal === null) continue;
          expect(new Decimal(line.netTotal).lte(line.listTotal)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  test("a quote's totals equal the sums of its rounded line totals; recurring + one-time = net = TCV", () => {
    fc.assert(
      fc.property(quoteArb, (request) => {
        const response = PricingResponseSchema.parse(priceQuote(request));
        const priced = response.lines.filter((line) => line.status === 'priced');
        const { totals } = response;
        expect(new Decimal(totals.netTotal).eq(sum(priced.map((line) => line.netTotal)))).toBe(true);
        expect(new Decimal(totals.listTotal).eq(sum(priced.map((line) => line.listTotal)))).toBe(true);
        expect(
          new Decimal(totals.recurringTotal).eq(
            sum(priced.filter((line) => line.recurring).map((line) => line.netTotal)),
          ),
        ).toBe(true);
        expect(new Decimal(totals.oneTimeTotal).plus(totals.recurringTotal).eq(totals.netTotal)).toBe(true);
        expect(totals.tcv).toBe(totals.netTotal);
        for (const line of priced) expect(line.netTotal).toMatch(/^-?\d+\.\d{2}$/);
      }),
      { numRuns: 200 },
    );
  });

  test('pricing is deterministic and independent of line order', () => {
    fc.assert(
      fc.property(quoteArb, fc.infiniteStream(fc.nat()), (request, randoms) => {
        const first = priceQuote(request);
        expect(priceQuote(request)).toEqual(first);
        const shuffled = request.lines
          .map((line) => ({ line, key: randoms.next().value }))
          .sort((a, b) => a.key - b.key)
          .map((entry) => entry.line);
        const reordered = priceQuote({ ...request, lines: shuffled });
        expect(reordered.totals).toEqual(first.totals);
        const byId = (response: typeof first) => Object.fromEntries(response.lines.map((line) => [line.id, line]));
        expect(byId(reordered)).toEqual(byId(first));
        const messageKey = (response: typeof first) =>
          response.messages.map((m) => `${m.lineId} ${m.code} ${m.text}`).sort();
        expect(messageKey(reordered)).toEqual(messageKey(first));
      }),
      { numRuns: 200 },
    );
  });
});
