import type { ContractLineView, ContractView } from '../../src/modules/contracts/index.ts';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import type { ContractReader } from '../../src/modules/revenue/contract-revenue-scheduler.ts';

export const PORTAL = 62515 as PortalId;

/**
 * A 2026 contract sold at a discount: a phone delivered in January (point in time), 10 CRM seats
 * for the year (ratable), onboarding delivered in February. List 500 / 1,200 / 150 = 1,850; sold
 * for 400 + 960 + 100 = 1,460.
 */
export function bundleContract(overrides: Partial<ContractView> = {}): ContractView {
  const lines: ContractLineView[] = [
    oneTime('hw', 'PHONE', '2026-01-10', '500', '400'),
    {
      id: 'sub',
      kind: 'subscription',
      sku: 'CRM',
      name: 'CRM seat',
      customerUnitPrice: '96',
      quantity: '10',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      listUnitPrice: '120',
      netUnitPrice: '96',
      termMonths: '12',
      netTotal: '960.00',
      segments: [
        {
          id: 'sub-1',
          quantity: '10',
          startDate: '2026-01-01',
          endDate: '2026-12-31',
          netUnitPrice: '96',
          netAmount: '960.00',
          sourceQuoteId: 'q1',
        },
      ],
    },
    oneTime('svc', 'ONBOARD', '2026-02-15', '150', '100'),
  ];
  return {
    id: 'c1',
    portalId: PORTAL,
    number: 'C-0001',
    dealId: '9001',
    companyId: '7001',
    quoteId: 'q1',
    status: 'active',
    currency: 'USD',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    totalValue: '1460.00',
    arr: '960.00',
    renewalGroup: null,
    lines,
    version: 1,
    createdAt: '2025-12-20T10:00:00.000Z',
    ...overrides,
  };
}

function oneTime(id: string, sku: string, date: string, list: string, net: string): ContractLineView {
  return {
    id,
    kind: 'one-time',
    sku,
    customerUnitPrice: net,
    name: sku,
    quantity: '1',
    startDate: date,
    endDate: date,
    listUnitPrice: list,
    netUnitPrice: net,
    termMonths: null,
    netTotal: `${net}.00`,
    segments: [],
  };
}

/** The amendment: 5 more seats from 2026-07-01 (5 x 96 x 6/12 = 240), quote q2, version 2. */
export function amendedBundle(): ContractView {
  const base = bundleContract();
  return {
    ...base,
    version: 2,
    totalValue: '1700.00',
    arr: '1440.00',
    lines: base.lines.map((line) =>
      line.id !== 'sub'
        ? line
        : {
            ...line,
            quantity: '15',
            netTotal: '1200.00',
            segments: [
              ...line.segments,
              {
                id: 'sub-2',
                quantity: '5',
                startDate: '2026-07-01',
                endDate: '2026-12-31',
                netUnitPrice: '96',
                netAmount: '240.00',
                sourceQuoteId: 'q2',
              },
            ],
          },
    ),
  };
}

/** Our own fake of the contracts reader: a map the test edits. */
export function fakeContractReader(contracts: Map<string, ContractView>): ContractReader {
  return { get: async (portalId, contractId) => (portalId === PORTAL ? (contracts.get(contractId) ?? null) : null) };
}
