import { addDaysIso } from '../../../kernel/calendar/calendar-date.ts';
import { Decimal, formatDecimal, HUNDRED, ONE } from '../../../kernel/money/money.ts';
import {
  priceQuote,
  type CatalogProduct,
  type ContractedPriceInput,
  type PricedLine,
  type PricingLineInput,
  type PricingResponse,
} from '../../pricing/index.ts';
import {
  renewalGroups,
  type RenewalContract,
  type RenewalGroup,
  type RenewalRequest,
  type RenewalSubscription,
} from './renewal-request-schema.ts';

/** A renewal line carries the contract its subscription came from (an addition to the pricing line). */
export type RenewalLine = PricedLine & { contractId: string };

export interface Renewal {
  contractIds: string[];
  startDate: string;
  endDate: string;
  pricing: Omit<PricingResponse, 'lines'> & { lines: RenewalLine[] };
}

export interface RenewalResponse {
  renewals: Renewal[];
}

interface PlannedLine {
  contract: RenewalContract;
  subscription: RenewalSubscription;
  /** How the price was set, for the waterfall trace; null for `list` (the catalog's own trace). */
  renewalDetail: string | null;
}

/**
 * Prices renewals (public-interfaces, "cpq renew"; Salesforce CPQ help, "Renewal Pricing Methods"
 * and "Contract Renewal and Uplift"). Pure.
 *
 * - `same`: the renewal's customer unit price is the subscription's; `uplift`: that x (1 + uplift%),
 *   the subscription's uplift beating its contract's; both are per the subscription's term and scale
 *   by the renewal term / that term. `list`: repriced from the catalog, no additional discount.
 *   The account's partner and distributor discounts then apply as on any quote.
 * - Contracts sharing a renewal group renew into one renewal starting the day after the group's
 *   earliest end; a subscription ending later starts the day after its own end and is prorated
 *   (monthly+daily) to the renewal's end.
 * - A subscription with quantity 0 (cancelled by an amendment) is not renewed.
 */
export function priceRenewals(request: RenewalRequest): RenewalResponse {
  return {
    renewals: renewalGroups(request.contracts, request.renewalTermMonths).map((group) => priceGroup(request, group)),
  };
}

function priceGroup(request: RenewalRequest, group: RenewalGroup): Renewal {
  const products: CatalogProduct[] = [...request.catalog.products];
  const contracted: ContractedPriceInput[] = [...(request.account?.contractedPrices ?? [])];
  const lines: PricingLineInput[] = [];
  const planned: PlannedLine[] = [];
  const taken = new Set(products.map((p) => p.sku));
  const shared = new Map<string, string>();
  for (const { contract } of group.members) {
    const subscriptionStart = addDaysIso(contract.endDate, 1);
    const term: PricingLineInput['term'] =
      subscriptionStart === group.startDate
        ? { months: request.renewalTermMonths }
        : { startDate: subscriptionStart, endDate: group.endDate, prorationPrecision: 'monthly+daily' };
    const method = contract.renewalPricing ?? 'same';
    for (const subscription of contract.subscriptions) {
      if (new Decimal(subscription.quantity).isZero()) continue;
      const line: PricingLineInput = {
        id: subscription.id,
        sku: subscription.sku,
        quantity: subscription.quantity,
        term,
      };
      if (method === 'list') {
        planned.push({ contract, subscription, renewalDetail: null });
        lines.push(line);
        continue;
      }
      // `same`/`uplift`: a stand-in product listed at the subscription's list price, with the renewal
      // price as its contracted price, so the engine prorates it and applies channel discounts only.
      const customer = subscription.customerUnitPrice ?? '0';
      const uplift = method === 'uplift' ? upliftOf(contract, subscription) : null;
      const price =
        uplift === null ? new Decimal(customer) : new Decimal(customer).times(ONE.plus(uplift.percent.div(HUNDRED)));
      // Subscriptions with the same list price, term and renewal price share one stand-in product,
      // so the engine computes their waterfall once (its memo is per product).
      const list = subscription.listUnitPrice ?? customer;
      const shareKey = `${list}|${subscription.termMonths}|${formatDecimal(price)}`;
      let sku = shared.get(shareKey);
      if (sku === undefined) {
        sku = standInSku(taken, shared.size);
        shared.set(shareKey, sku);
        products.push({
          sku,
          prices: { [request.currency]: list },
          recurring: { defaultTermMonths: subscription.termMonths },
        });
        contracted.push({ sku, price: { [request.currency]: formatDecimal(price) } });
      }
      const renewalDetail =
        uplift === null
          ? `renewal pricing same: customer unit price ${customer} per ${subscription.termMonths} months`
          : `renewal pricing uplift ${uplift.percent.toString()}% (${uplift.source}): ${customer} x ${formatDecimal(ONE.plus(uplift.percent.div(HUNDRED)))}`;
      planned.push({ contract, subscription, renewalDetail });
      lines.push({ ...line, sku });
    }
  }
  const response = priceQuote({
    currency: request.currency,
    pricingDate: group.startDate,
    options: request.options,
    catalog: { ...request.catalog, products },
    account: { ...request.account, contractedPrices: contracted },
    lines,
  });
  return {
    contractIds: group.members.map((m) => m.contract.id),
    startDate: group.startDate,
    endDate: group.endDate,
    pricing: { ...response, lines: response.lines.map((line, index) => restore(line, planned[index])) },
  };
}

function upliftOf(
  contract: RenewalContract,
  subscription: RenewalSubscription,
): { percent: Decimal; source: 'subscription' | 'contract' | 'none' } {
  if (subscription.upliftPercent != null)
    return { percent: new Decimal(subscription.upliftPercent), source: 'subscription' };
  if (contract.upliftPercent != null) return { percent: new Decimal(contract.upliftPercent), source: 'contract' };
  return { percent: new Decimal(0), source: 'none' };
}

function restore(line: PricedLine, plan: PlannedLine | undefined): RenewalLine {
  if (plan === undefined) return { ...line, contractId: '' };
  const { subscription, renewalDetail, contract } = plan;
  if (renewalDetail === null) return { ...line, contractId: contract.id };
  return {
    ...line,
    sku: subscription.sku,
    contractId: contract.id,
    waterfall: line.waterfall.map((step) => {
      if (step.step === 'list')
        return { ...step, detail: `subscription ${subscription.id} list unit price (as given)` };
      if (step.step === 'contracted-price') return { ...step, detail: renewalDetail };
      return step;
    }),
  };
}

/** A sku no catalog product uses; it lives only inside one engine call. */
function standInSku(taken: Set<string>, index: number): string {
  let sku = `\u0000renewal/${index}`;
  while (taken.has(sku)) sku = `${sku}'`;
  taken.add(sku);
  return sku;
}
