import { useCallback, useEffect, useRef, useState } from 'react';
import { CpqApiError, createCpqClient, type CpqClient } from '../api/cpq-client.ts';
import type {
  CatalogItem,
  QuoteLineView,
  QuoteListItem,
  QuoteUpdateInput,
  QuoteView,
} from '../api/card-api-schemas.ts';
import { LINES_PER_PAGE, type LineEdit } from './QuoteLinesTable.tsx';

export type Phase = 'loading' | 'empty' | 'error' | 'forbidden' | 'ready';
type Alert = (alert: { type: 'danger' | 'success' | 'warning' | 'info'; title?: string; message: string }) => void;

/**
 * The Configure & Price card's state: the deal's quote versions, the open quote (one page of lines)
 * and the calls that change it. Every edit is saved and repriced by the backend; the card shows
 * the response as it is.
 */
export function useQuoteEditor(dealId: string, addAlert: Alert, client?: CpqClient) {
  // One client per mounted card: a new one per render would re-run the loading effect forever.
  const [api] = useState(() => client ?? createCpqClient());
  const [phase, setPhase] = useState<Phase>('loading');
  const [quotes, setQuotes] = useState<QuoteListItem[]>([]);
  const [quote, setQuote] = useState<QuoteView | null>(null);
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<CatalogItem[] | null>(null);
  const [waterfallLine, setWaterfallLine] = useState<QuoteLineView | null>(null);

  // Held in a ref: a new addAlert identity must not re-run the loading effect.
  const alert = useRef(addAlert);
  alert.current = addAlert;
  const fail = useCallback((error: unknown, loading: boolean) => {
    if (error instanceof CpqApiError && error.status === 403) return setPhase('forbidden');
    const message = error instanceof CpqApiError ? error.message : 'Something went wrong';
    alert.current({ type: 'danger', title: 'CPQ', message });
    if (loading) setPhase('error');
  }, []);

  const run = useCallback(
    async (work: () => Promise<void>, loading = false) => {
      setBusy(true);
      try {
        await work();
      } catch (error) {
        fail(error, loading);
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );

  const refreshList = useCallback(async () => {
    const list = await api.listQuotes(dealId);
    setQuotes(list.quotes);
    return list.quotes;
  }, [api, dealId]);

  const open = useCallback(
    async (quoteId: string, pageNumber = 1) => {
      setQuote(await api.getQuote(quoteId, (pageNumber - 1) * LINES_PER_PAGE, LINES_PER_PAGE));
      setPage(pageNumber);
      setWaterfallLine(null);
    },
    [api],
  );

  const load = useCallback(
    () =>
      run(async () => {
        setPhase('loading');
        const list = await refreshList();
        const first = list.find((q) => q.isPrimary) ?? list[0];
        if (!first) return setPhase('empty');
        await open(first.id);
        setPhase('ready');
      }, true),
    [run, refreshList, open],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const save = (input: QuoteUpdateInput) =>
    run(async () => {
      if (!quote?.id) return;
      setQuote(
        await api.updateQuote(
          quote.id,
          { expectedRevision: quote.revision, ...input },
          (page - 1) * LINES_PER_PAGE,
          LINES_PER_PAGE,
        ),
      );
      await refreshList();
    });

  return {
    phase,
    quotes,
    quote,
    page,
    busy,
    results,
    waterfallLine,
    reload: load,
    setWaterfallLine,
    createQuote: (currency: string) =>
      run(async () => {
        const created = await api.createQuote(dealId, { currency, lines: [] }, LINES_PER_PAGE);
        setQuote(created);
        setPage(1);
        await refreshList();
        setPhase('ready');
      }),
    openVersion: (quoteId: string) => run(() => open(quoteId)),
    changePage: (pageNumber: number) => run(() => (quote?.id ? open(quote.id, pageNumber) : Promise.resolve())),
    search: (query: string) =>
      run(async () => setResults((await api.searchCatalog(query, quote?.currency ?? 'USD')).items)),
    addProduct: (item: CatalogItem) => save({ lineChanges: { upsert: [{ sku: item.sku, quantity: '1' }] } }),
    editLine: (line: QuoteLineView, edit: LineEdit) => {
      const discount =
        edit.discountPercent === undefined
          ? line.additionalDiscount
          : edit.discountPercent.trim() === ''
            ? null
            : { percent: edit.discountPercent.trim() };
      const termMonths =
        edit.termMonths === undefined ? line.termMonths : edit.termMonths.trim() === '' ? null : edit.termMonths.trim();
      return save({
        lineChanges: {
          upsert: [
            {
              id: line.id,
              sku: line.sku,
              quantity: (edit.quantity ?? line.quantity).trim(),
              additionalDiscount: discount,
              termMonths,
            },
          ],
        },
      });
    },
    removeLine: (line: QuoteLineView) => save({ lineChanges: { remove: [line.id] } }),
    saveHeader: (title: string, termMonths: string) =>
      save({ title, termMonths: termMonths.trim() === '' ? null : termMonths.trim() }),
    clone: () =>
      run(async () => {
        if (!quote?.id) return;
        setQuote(await api.cloneQuote(quote.id, LINES_PER_PAGE));
        setPage(1);
        await refreshList();
        alert.current({ type: 'success', message: 'Quote cloned as a new version' });
      }),
    /** Archives the open quote and opens the deal's next one (or the empty state). */
    remove: () =>
      run(async () => {
        if (!quote?.id) return;
        await api.deleteQuote(quote.id);
        const list = await refreshList();
        const next = list.find((q) => q.isPrimary) ?? list[0];
        if (!next) {
          setQuote(null);
          return setPhase('empty');
        }
        await open(next.id);
      }),
    setPrimary: () =>
      run(async () => {
        if (!quote?.id) return;
        setQuote(await api.setPrimary(quote.id, (page - 1) * LINES_PER_PAGE, LINES_PER_PAGE));
        await refreshList();
      }),
  };
}
