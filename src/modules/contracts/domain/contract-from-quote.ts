import { addMonths, formatIsoDate, parseIsoDate, addDays } from '../../../kernel/calendar/calendar-date.ts';
import { Decimal } from '../../../kernel/money/money.ts';
import type { PricedLine } from '../../pricing/index.ts';

/** The quote as contract creation needs it (read through src/modules/quotes/index.ts). */
export interface QuoteToContract {
  id: string;
  dealId: string;
  companyId: string | null;
  currency: string;
  lines: readonly { id: string; sku: string; name: string; quantity: string }[];
  priced: { lines: readonly PricedLine[]; totals: { netTotal: string } };
}

export interface PlannedContractLine {
  sourceLineId: string;
  kind: 'subscription' | 'one-time';
  sku: string;
  name: string;
  quantity: string;
  startDate: string;
  endDate: string;
  listUnitPrice: string;
  regularUnitPrice: string;
  customerUnitPrice: string;
  netUnitPrice: string;
  termMonths: string | null;
  netTotal: string;
}

export interface ContractPlan {
  startDate: string;
  endDate: string;
  netTotal: string;
  lines: PlannedContractLine[];
}

/**
 * What a contract holds when it is created from a quote (Salesforce CPQ help, "Contract Your
 * Quotes": one subscription per recurring line, carrying its quantity, dates and prices; one-time
 * lines stay on the order). Pure. Lines the engine could not price are not contracted (they were
 * not in the quote's totals either). A subscription runs from the contract start for its term:
 * start + term months - 1 day, a partial month rounded up to a whole one.
 */
export function planContractFromQuote(quote: QuoteToContract, startDate: string): ContractPlan {
  const pricedById = new Map(quote.priced.lines.map((line) => [line.id, line]));
  const lines: PlannedContractLine[] = [];
  for (const line of quote.lines) {
    const priced = pricedById.get(line.id);
    if (
      priced === undefined ||
      priced.status !== 'priced' ||
      priced.netUnitPrice === null ||
      priced.netTotal === null ||
      priced.listUnitPrice === null
    )
      continue;
    const subscription = priced.recurring && priced.termMonths !== null;
    lines.push({
      sourceLineId: line.id,
      kind: subscription ? 'subscription' : 'one-time',
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      startDate,
      endDate: subscription ? termEnd(startDate, priced.termMonths ?? '12') : startDate,
      listUnitPrice: priced.listUnitPrice,
      regularUnitPrice: priced.regularUnitPrice ?? priced.listUnitPrice,
      customerUnitPrice: priced.customerUnitPrice ?? priced.listUnitPrice,
      netUnitPrice: priced.netUnitPrice,
      termMonths: subscription ? priced.termMonths : null,
      netTotal: priced.netTotal,
    });
  }
  const endDate = lines.reduce((max, line) => (line.endDate > max ? line.endDate : max), startDate);
  return { startDate, endDate, netTotal: quote.priced.totals.netTotal, lines };
}

/** Inclusive end of a term of `months` (a fraction rounded up to a whole month) starting on `startDate`. */
export function termEnd(startDate: string, months: string): string {
  const whole = new Decimal(months).ceil().toNumber();
  return formatIsoDate(addDays(addMonths(parseIsoDate(startDate), whole), -1));
}
