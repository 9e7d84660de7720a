import type { QuoteLineView, QuoteView } from '../../extensions/app/cards/api/card-api-schemas.ts';

export interface FetchCall {
  method: string;
  url: string;
  body: unknown;
}

type Handler = (call: FetchCall) => { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * Stands in for HubSpot's fetch proxy: `hubspot.fetch` calls `self.hsFetch` (HubSpot docs "UI extensions reference"), so the
 * test installs this on globalThis. Handlers are matched in order by method and URL prefix.
 */
export function installFetchFake(routes: Array<[string, string | RegExp, Handler]>) {
  const calls: FetchCall[] = [];
  const fake = async (url: string | URL, options: { method?: string; body?: unknown } = {}): Promise<Response> => {
    const call = { method: options.method ?? 'GET', url: String(url), body: options.body };
    calls.push(call);
    const route = routes.find(
      ([method, pattern]) =>
        method === call.method &&
        (typeof pattern === 'string'
          ? call.url.startsWith(`https://cpq.example.com${pattern}`)
          : pattern.test(call.url)),
    );
    if (!route)
      return new Response(
        JSON.stringify({ error: { code: 'NOT_FOUND', message: `no fake for ${call.method} ${call.url}`, issues: [] } }),
        { status: 404 },
      );
    const answer = route[2](call);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  };
  const target = globalThis as unknown as { self: unknown; hsFetch: unknown };
  target.self = globalThis;
  target.hsFetch = fake;
  return { calls };
}

export function line(id: string, overrides: Partial<QuoteLineView> = {}): QuoteLineView {
  return {
    id,
    sku: 'LAPTOP',
    name: 'Laptop',
    quantity: '10',
    additionalDiscount: { percent: '20' },
    termMonths: null,
    status: 'priced',
    recurring: false,
    listUnitPrice: '234.56',
    regularUnitPrice: '234.56',
    netUnitPrice: '187.648',
    listTotal: '2345.60',
    netTotal: '1876.48',
    waterfall: [
      { step: 'list', unitPrice: '234.56' },
      { step: 'additional-discount', unitPrice: '187.648', detail: '20%' },
    ],
    ...overrides,
  };
}

export function quoteView(
  overrides: Partial<QuoteView> = {},
  lines: QuoteLineView[] = [line('l1')],
  total = lines.length,
  offset = 0,
): QuoteView {
  return {
    id: 'q1',
    dealId: '123',
    companyId: null,
    title: 'Quote 1',
    currency: 'USD',
    status: 'draft',
    isPrimary: true,
    revision: 1,
    termMonths: null,
    expirationDate: '2027-01-01',
    pricesChangedSinceSaved: false,
    totals: {
      listTotal: '2345.60',
      netTotal: '1876.48',
      discountTotal: '469.12',
      oneTimeTotal: '1876.48',
      recurringTotal: '0.00',
      mrr: '0.00',
      arr: '0.00',
      tcv: '1876.48',
    },
    messages: [],
    lines: { items: lines, offset, limit: 25, total },
    updatedAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}

export const QUOTE_LIST = {
  quotes: [
    {
      id: 'q1',
      title: 'Quote 1',
      currency: 'USD',
      status: 'draft',
      isPrimary: true,
      revision: 1,
      netTotal: '1876.48',
      lineCount: 1,
      updatedAt: '2026-11-22T10:00:00.000Z',
    },
  ],
};

/**
 * Fires a component event with its argument. The testing library types the argument of
 * `trigger` as the handler itself; at run time it passes the argument to the handler.
 */
export function fire(node: { trigger: unknown }, event: string, argument: unknown): void {
  (node.trigger as (name: string, arg: unknown) => void)(event, argument);
}

/** The paginated Table's paging props (the union props type hides them). */
export function pagingOf(node: { props: unknown }): { page?: number; pageCount: number } {
  return node.props as { page?: number; pageCount: number };
}
