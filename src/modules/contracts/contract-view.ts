/**
 * What the contracts module tells other modules about a contract (billing, revenue, attribution
 * read it through src/modules/contracts/index.ts; they never query the contracts tables).
 * Decimals are strings, dates `YYYY-MM-DD`, inclusive.
 */
export interface ContractSegmentView {
  /** Stable id of this segment (a subscription's original term, or one amendment's change). */
  id: string;
  /** Quantity change this segment brings (the first segment: the initial quantity; a decrease is negative). */
  quantity: string;
  startDate: string;
  endDate: string;
  /** Net unit price per the subscription's `termMonths` (unchanged by amendments: price is fixed). */
  netUnitPrice: string;
  /** Net amount of this segment over its own dates (prorated), rounded to the currency. */
  netAmount: string;
  /** The quote (original, amendment) that produced the segment. */
  sourceQuoteId: string;
}

export interface ContractLineView {
  id: string;
  kind: 'subscription' | 'one-time';
  sku: string;
  name: string;
  /** Current quantity (sum of segments in force today for subscriptions). */
  quantity: string;
  startDate: string;
  /** Subscriptions: the term end; one-time: equal to startDate (the delivery date). */
  endDate: string;
  listUnitPrice: string;
  /** Subscriptions: net unit price per `termMonths`; one-time: per unit. */
  netUnitPrice: string;
  /** Customer unit price (after the rep's discount, before channel discounts), per `termMonths`. */
  customerUnitPrice: string;
  termMonths: string | null;
  /** Net total of the line over the contract (all segments), rounded to the currency. */
  netTotal: string;
  segments: ContractSegmentView[];
}

export type ContractStatus = 'active' | 'expired' | 'cancelled' | 'renewed';

export interface ContractView {
  id: string;
  portalId: number;
  number: string;
  dealId: string;
  companyId: string | null;
  quoteId: string;
  status: ContractStatus;
  currency: string;
  startDate: string;
  endDate: string;
  /** Total contract value (sum of line net totals). */
  totalValue: string;
  arr: string;
  renewalGroup: string | null;
  lines: ContractLineView[];
  version: number;
  createdAt: string;
}
