import { Decimal, formatDecimal } from '../../../kernel/money/money.ts';
import {
  DEFAULT_PRORATION_PRECISION,
  priceQuote,
  resolveTerm,
  type CatalogProduct,
  type PricedLine,
  type PricingLineInput,
  type PricingRequest,
  type PricingResponse,
  type ProrationPrecision,
  type ResolvedTerm,
} from '../../pricing/index.ts';
import type { AmendmentRequest, AmendmentSubscription } from './amendment-request-schema.ts';
import { totalsOfLines, type LineWithTerm } from './line-set-totals.ts';

/** A subscription whose quantity the amendment changes, with the part of its term still to run. */
interface SubscriptionChange {
  subscription: AmendmentSubscription;
  delta: Decimal;
  remainingStart: string;
}

/**
 * Prices an amendment (public-interfaces, "cpq amend"; Salesforce CPQ help, "Amend Your
 * Contracts" and "Co-Termination"). Pure.
 *
 * - A changed subscription gives one line whose quantity is the change (negative for a decrease).
 *   Its price is fixed by the contract: the line is priced at the subscription's net unit price,
 *   prorated by remaining term / the subscription's term, and no discount is applied again (the
 *   price already carries them), so no catalog or account data touches it.
 * - A new product is priced from the catalog with the account's discounts, co-terminated: its term
 *   runs from the amendment start to the contract end, prorated with the amendment's precision.
 * - An unchanged subscription gives no line.
 */
export function priceAmendment(request: AmendmentRequest): PricingResponse {
  const precision: ProrationPrecision = request.amendment.prorationPrecision ?? DEFAULT_PRORATION_PRECISION;
  const rounding = request.options?.roundingMode ?? 'half-up';
  const changes = subscriptionChanges(request);
  const subscriptionPart = priceSubscriptionChanges(request, changes, precision);
  const newLines = request.amendment.lines ?? [];
  const coTerm = { startDate: request.amendment.startDate, endDate: request.contract.endDate };
  const newPart: PricingResponse | null =
    newLines.length === 0
      ? null
      : priceQuote({
          currency: request.currency,
          pricingDate: request.amendment.startDate,
          options: request.options,
          term: { ...coTerm, prorationPrecision: precision },
          catalog: request.catalog,
          account: request.account,
          lines: newLines.map((line): PricingLineInput => ({ ...line })),
        });
  const newTerm = resolveTerm(coTerm, precision);
  const withTerms: LineWithTerm[] = [
    ...subscriptionPart.lines.map((line, index) => ({
      line,
      term: termOf(changes[index]?.remainingStart ?? '', changes[index]?.subscription.endDate ?? '', precision),
    })),
    ...(newPart?.lines ?? []).map((line) => ({ line, term: line.recurring ? newTerm : null })),
  ];
  return {
    currency: request.currency,
    lines: withTerms.map((entry) => entry.line),
    totals: totalsOfLines(withTerms, request.currency, rounding),
    messages: [...subscriptionPart.messages, ...(newPart?.messages ?? [])],
  };
}

function subscriptionChanges(request: AmendmentRequest): SubscriptionChange[] {
  const quantities = request.amendment.quantities ?? {};
  const changes: SubscriptionChange[] = [];
  for (const subscription of request.contract.subscriptions) {
    const target = quantities[subscription.id];
    if (target === undefined) continue;
    const delta = new Decimal(target).minus(subscription.quantity);
    if (delta.isZero()) continue;
    const remainingStart =
      subscription.startDate > request.amendment.startDate ? subscription.startDate : request.amendment.startDate;
    changes.push({ subscription, delta, remainingStart });
  }
  return changes;
}

/**
 * One engine call over stand-in products: each subscription becomes a product whose list price is
 * its net unit price and whose default term is its own term, so the engine's prorate multiplier is
 * exactly remaining term / subscription term; no account is passed, so no discount applies again.
 */
function priceSubscriptionChanges(
  request: AmendmentRequest,
  changes: readonly SubscriptionChange[],
  precision: ProrationPrecision,
): PricingResponse {
  const products: CatalogProduct[] = changes.map(({ subscription }, index) => ({
    sku: standInSku(index),
    prices: { [request.currency]: subscription.netUnitPrice },
    recurring: { defaultTermMonths: subscription.termMonths },
  }));
  const lines: PricingLineInput[] = changes.map(({ subscription, delta, remainingStart }, index) => ({
    id: subscription.id,
    sku: standInSku(index),
    quantity: formatDecimal(delta),
    term: { startDate: remainingStart, endDate: subscription.endDate, prorationPrecision: precision },
  }));
  const pricingRequest: PricingRequest = {
    currency: request.currency,
    options: request.options,
    catalog: { products },
    lines,
  };
  const response = priceQuote(pricingRequest);
  return {
    ...response,
    lines: response.lines.map((line, index) => restoreSubscription(line, changes[index]?.subscription)),
  };
}

function restoreSubscription(line: PricedLine, subscription: AmendmentSubscription | undefined): PricedLine {
  if (subscription === undefined) return line;
  return {
    ...line,
    sku: subscription.sku,
    waterfall: line.waterfall.map((step) =>
      step.step === 'list'
        ? {
            ...step,
            detail: `subscription ${subscription.id} net unit price per ${subscription.termMonths} months (fixed by the contract)`,
          }
        : step,
    ),
  };
}

function termOf(startDate: string, endDate: string, precision: ProrationPrecision): ResolvedTerm {
  return resolveTerm({ startDate, endDate }, precision);
}

/** Stand-in skus live only inside one engine call; the response carries the subscription's sku. */
function standInSku(index: number): string {
  return `\u0000subscription/${index}`;
}
