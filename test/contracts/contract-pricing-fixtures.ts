import {
  AmendmentRequestSchema,
  type AmendmentRequest,
} from '../../src/modules/contracts/domain/amendment-request-schema.ts';
import {
  RenewalRequestSchema,
  type RenewalRequest,
} from '../../src/modules/contracts/domain/renewal-request-schema.ts';

/** The public contract's `cpq amend` example: 10 seats at 1,200 a year, amended on July 1. */
export function amendmentExample(overrides: { amendment?: object; account?: object } = {}): Record<string, unknown> {
  return {
    currency: 'USD',
    catalog: {
      products: [
        { sku: 'SEAT', prices: { USD: '1200' }, recurring: { defaultTermMonths: '12' } },
        { sku: 'ADDON', prices: { USD: '120' }, recurring: { defaultTermMonths: '12' } },
        { sku: 'SETUP', prices: { USD: '500' } },
      ],
    },
    account: overrides.account ?? {},
    options: {},
    contract: {
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      subscriptions: [
        {
          id: 's1',
          sku: 'SEAT',
          quantity: '10',
          startDate: '2025-01-01',
          endDate: '2025-12-31',
          netUnitPrice: '1200',
          termMonths: '12',
        },
      ],
    },
    amendment: {
      startDate: '2025-07-01',
      prorationPrecision: 'monthly+daily',
      quantities: { s1: '15' },
      lines: [{ id: 'n1', sku: 'ADDON', quantity: '10' }],
      ...overrides.amendment,
    },
  };
}

export function parseAmendment(input: unknown): AmendmentRequest {
  return AmendmentRequestSchema.parse(input);
}

/** The public contract's `cpq renew` example: 10 seats, list 1,200, customer 1,080, ending 2025-12-31. */
export function renewalExample(contracts?: object[], extra: object = {}): Record<string, unknown> {
  return {
    currency: 'USD',
    catalog: { products: [{ sku: 'SEAT', prices: { USD: '1300' }, recurring: { defaultTermMonths: '12' } }] },
    account: {},
    options: {},
    renewalTermMonths: '12',
    contracts: contracts ?? [
      {
        id: 'c1',
        endDate: '2025-12-31',
        renewalGroup: null,
        renewalPricing: 'uplift',
        upliftPercent: '3',
        subscriptions: [
          {
            id: 's1',
            sku: 'SEAT',
            quantity: '10',
            listUnitPrice: '1200',
            customerUnitPrice: '1080',
            termMonths: '12',
            upliftPercent: '7',
          },
        ],
      },
    ],
    ...extra,
  };
}

export function parseRenewal(input: unknown): RenewalRequest {
  return RenewalRequestSchema.parse(input);
}

/** The issues of a request the schema rejects (path dotted), for assertions. */
export function issuesOf(
  schema: typeof AmendmentRequestSchema | typeof RenewalRequestSchema,
  input: unknown,
): { path: string; message: string }[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
