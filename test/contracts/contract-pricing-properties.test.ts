import fc from 'fast-check';
import { Decimal } from '../../src/kernel/money/money.ts';
import { priceAmendment } from '../../src/modules/contracts/domain/amendment-pricing.ts';
import { priceRenewals } from '../../src/modules/contracts/domain/renewal-pricing.ts';
import { parseAmendment, parseRenewal } from './contract-pricing-fixtures.ts';

/** An exact decimal string with `scale` decimals from an integer draw (test data only). */
const decimalText = (min: number, max: number, scale: number) =>
  fc.integer({ min, max }).map((n) => new Decimal(n).div(new Decimal(10).pow(scale)).toString());

const isoDate = fc
  .record({
    year: fc.integer({ min: 2024, max: 2027 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

const subscriptionArb = fc.record({
  quantity: decimalText(0, 500, 0),
  netUnitPrice: decimalText(0, 10_000_000, 2),
  termMonths: fc.constantFrom('1', '12', '24', '36'),
});

function amendRequest(
  subs: { quantity: string; netUnitPrice: string; termMonths: string }[],
  quantities: Record<string, string>,
  startDate: string,
  precision: string,
): unknown {
  return {
    currency: 'USD',
    catalog: { products: [] },
    contract: {
      startDate: '2024-01-01',
      endDate: '2027-12-31',
      subscriptions: subs.map((sub, i) => ({
        id: `s${i}`,
        sku: `P${i}`,
        startDate: '2024-01-01',
        endDate: '2027-12-31',
        ...sub,
      })),
    },
    amendment: { startDate, prorationPrecision: precision, quantities },
  };
}

const precisionArb = fc.constantFrom('day', 'month', 'monthly+daily');

describe('cpq amend properties', () => {
  test('an amendment that changes no quantity has no lines and zero totals', () => {
    fc.assert(
      fc.property(
        fc.array(subscriptionArb, { minLength: 1, maxLength: 5 }),
        isoDate,
        precisionArb,
        (subs, start, precision) => {
          const same = Object.fromEntries(subs.map((sub, i) => [`s${i}`, sub.quantity]));
          const response = priceAmendment(parseAmendment(amendRequest(subs, same, start, precision)));
          expect(response.lines).toEqual([]);
          expect(response.totals.netTotal).toBe('0.00');
          expect(response.totals.arr).toBe('0.00');
        },
      ),
    );
  });

  test('adding d units then removing d units nets exactly zero (a decrease mirrors an increase)', () => {
    fc.assert(
      fc.property(subscriptionArb, decimalText(1, 100, 0), isoDate, precisionArb, (sub, d, start, precision) => {
        const up = new Decimal(sub.quantity).plus(d).toString();
        const increase = priceAmendment(parseAmendment(amendRequest([sub], { s0: up }, start, precision)));
        const decrease = priceAmendment(
          parseAmendment(amendRequest([{ ...sub, quantity: up }], { s0: sub.quantity }, start, precision)),
        );
        expect(new Decimal(increase.totals.netTotal).plus(decrease.totals.netTotal).isZero()).toBe(true);
        expect(decrease.lines[0]?.quantity).toBe(`-${d}`);
      }),
    );
  });

  test('the amendment net total is the sum of its rounded line totals and the change never exceeds the full-term price', () => {
    fc.assert(
      fc.property(
        fc.array(subscriptionArb, { minLength: 1, maxLength: 5 }),
        isoDate,
        precisionArb,
        (subs, start, precision) => {
          const bigger = Object.fromEntries(
            subs.map((sub, i) => [`s${i}`, new Decimal(sub.quantity).plus(1).toString()]),
          );
          const response = priceAmendment(parseAmendment(amendRequest(subs, bigger, start, precision)));
          const sum = response.lines.reduce((acc, line) => acc.plus(line.netTotal ?? '0'), new Decimal(0));
          expect(sum.eq(response.totals.netTotal)).toBe(true);
          response.lines.forEach((line, i) => {
            const sub = subs[i];
            if (!sub) return;
            const remainingYears = new Decimal(48).div(sub.termMonths); // the contract runs 48 months
            expect(new Decimal(line.netUnitPrice ?? '0').lte(new Decimal(sub.netUnitPrice).times(remainingYears))).toBe(
              true,
            );
            expect(new Decimal(line.netUnitPrice ?? '0').gte(0)).toBe(true);
          });
        },
      ),
    );
  });
});

describe('cpq renew properties', () => {
  const renewArb = fc.record({
    customer: decimalText(0, 100_000_000, 4),
    quantity: decimalText(1, 1000, 0),
    endDate: isoDate,
  });
  const request = (
    r: { customer: string; quantity: string; endDate: string },
    pricing: string,
    term = '12',
    uplift?: string,
  ) => ({
    currency: 'USD',
    catalog: { products: [] },
    renewalTermMonths: term,
    contracts: [
      {
        id: 'c1',
        endDate: r.endDate,
        renewalPricing: pricing,
        ...(uplift === undefined ? {} : { upliftPercent: uplift }),
        subscriptions: [{ id: 's1', sku: 'X', quantity: r.quantity, customerUnitPrice: r.customer, termMonths: term }],
      },
    ],
  });

  test("renewing 'same' a 12-month term for 12 months reproduces the customer unit price and its total", () => {
    fc.assert(
      fc.property(renewArb, (r) => {
        const line = priceRenewals(parseRenewal(request(r, 'same'))).renewals[0]?.pricing.lines[0];
        expect(new Decimal(line?.customerUnitPrice ?? 'NaN').eq(r.customer)).toBe(true);
        expect(line?.netTotal).toBe(new Decimal(r.customer).times(r.quantity).toFixed(2, Decimal.ROUND_HALF_UP));
      }),
    );
  });

  test("an uplift of 0% equals 'same', and a positive uplift never lowers the price", () => {
    fc.assert(
      fc.property(renewArb, decimalText(1, 5000, 2), (r, uplift) => {
        const same = priceRenewals(parseRenewal(request(r, 'same'))).renewals[0]?.pricing.totals.netTotal;
        const zero = priceRenewals(parseRenewal(request(r, 'uplift', '12', '0'))).renewals[0]?.pricing.totals.netTotal;
        const up = priceRenewals(parseRenewal(request(r, 'uplift', '12', uplift))).renewals[0]?.pricing.totals.netTotal;
        expect(zero).toBe(same);
        expect(new Decimal(up ?? 'NaN').gte(same ?? 'NaN')).toBe(true);
      }),
    );
  });

  test('a renewal ends on start + term months - 1 day and starts the day after the contract end', () => {
    fc.assert(
      fc.property(renewArb, fc.constantFrom('1', '3', '12', '36'), (r, term) => {
        const renewal = priceRenewals(parseRenewal(request(r, 'same', term))).renewals[0];
        const end = new Date(`${r.endDate}T00:00:00Z`);
        end.setUTCDate(end.getUTCDate() + 1);
        expect(renewal?.startDate).toBe(end.toISOString().slice(0, 10));
        expect(renewal?.pricing.lines[0]?.prorateMultiplier).toBe('1');
      }),
    );
  });
});
