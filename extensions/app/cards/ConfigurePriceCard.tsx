import {
  Alert,
  Button,
  ButtonRow,
  EmptyState,
  ErrorState,
  Flex,
  Input,
  LoadingSpinner,
  Select,
  Text,
  hubspot,
  useExtensionActions,
  useExtensionContext,
} from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import { ProductSearch } from './components/ProductSearch.tsx';
import { QuoteLinesTable } from './components/QuoteLinesTable.tsx';
import { QuoteTotalsView } from './components/QuoteTotalsView.tsx';
import { WaterfallView } from './components/WaterfallView.tsx';
import { useQuoteEditor } from './components/useQuoteEditor.ts';
import { usePortalCurrencies } from './components/usePortalCurrencies.ts';

/**
 * Configure & Price (deal record tab): builds quotes from the portal's catalog through the
 * backend's /api/v1 card API. Only @hubspot/ui-extensions components render in HubSpot (no HTML,
 * no CSS, HubSpot docs "UI extensions reference"); every price and total is the backend's string, never computed here.
 */
export function ConfigurePriceCard() {
  const context = useExtensionContext<'crm.record.tab'>();
  const { addAlert } = useExtensionActions<'crm.record.tab'>();
  const editor = useQuoteEditor(String(context.crm.objectId), addAlert);
  const { quote } = editor;
  const [title, setTitle] = useState('');
  const [term, setTerm] = useState('');
  const currencies = usePortalCurrencies();
  const [chosenCurrency, setCurrency] = useState<string | null>(null);
  // The portal's first allowed currency until the rep picks one.
  const currency =
    chosenCurrency !== null && currencies.includes(chosenCurrency) ? chosenCurrency : (currencies[0] ?? 'USD');
  useEffect(() => {
    setTitle(quote?.title ?? '');
    setTerm(quote?.termMonths ?? '');
  }, [quote?.id, quote?.title, quote?.termMonths]);

  if (editor.phase === 'loading') return <LoadingSpinner label="Loading quotes" layout="centered" />;
  if (editor.phase === 'forbidden') {
    return (
      <ErrorState title="You don't have permission to quote on this deal" type="support">
        <Text>Ask your CPQ admin for access.</Text>
      </ErrorState>
    );
  }
  if (editor.phase === 'error') {
    return (
      <ErrorState title="Quotes could not be loaded">
        <Button onClick={() => void editor.reload()}>Try again</Button>
      </ErrorState>
    );
  }
  if (editor.phase === 'empty' || !quote) {
    return (
      <EmptyState title="No quotes on this deal yet" layout="vertical">
        <Text>Create a quote, then add products from the catalog.</Text>
        <Select
          testId="new-quote-currency"
          name="currency"
          label="Currency"
          value={currency}
          options={currencies.map((c) => ({ value: c, label: c }))}
          onChange={(value) => setCurrency(String(value))}
        />
        <Button
          testId="create-quote"
          variant="primary"
          disabled={editor.busy}
          onClick={() => void editor.createQuote(currency)}
        >
          Create quote
        </Button>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="medium">
      <Flex direction="row" gap="small" align="end" wrap="wrap">
        <Select
          testId="version-picker"
          name="version"
          label="Quote version"
          value={quote.id ?? ''}
          options={editor.quotes.map((q) => ({
            value: q.id,
            label: `${q.title}${q.isPrimary ? ' (primary)' : ''} · rev ${q.revision}`,
          }))}
          onChange={(value) => void editor.openVersion(String(value))}
        />
        <Input testId="quote-title" name="title" label="Title" value={title} onChange={setTitle} />
        <Input testId="quote-term" name="term" label="Term (months)" value={term} onChange={setTerm} />
        <ButtonRow>
          <Button
            testId="save-quote"
            variant="primary"
            disabled={editor.busy}
            onClick={() => void editor.saveHeader(title, term)}
          >
            Save
          </Button>
          <Button testId="clone-quote" disabled={editor.busy} onClick={() => void editor.clone()}>
            Clone
          </Button>
          <Button
            testId="set-primary"
            disabled={editor.busy || quote.isPrimary}
            onClick={() => void editor.setPrimary()}
          >
            {quote.isPrimary ? 'Primary' : 'Set primary'}
          </Button>
          <Button
            testId="delete-quote"
            variant="destructive"
            disabled={editor.busy}
            onClick={() => void editor.remove()}
          >
            Delete
          </Button>
        </ButtonRow>
      </Flex>
      {quote.pricesChangedSinceSaved ? (
        <Alert testId="prices-changed" title="Prices changed since saved" variant="warning">
          The price book or this company's pricing changed after this quote was saved. Save to reprice it.
        </Alert>
      ) : null}
      <ProductSearch
        disabled={editor.busy}
        results={editor.results}
        onSearch={(q) => void editor.search(q)}
        onAdd={(item) => void editor.addProduct(item)}
      />
      {quote.lines.total === 0 ? <Text>No lines yet: search the catalog to add products.</Text> : null}
      {quote.lines.total > 0 ? (
        <QuoteLinesTable
          quote={quote}
          page={editor.page}
          disabled={editor.busy}
          onPageChange={(p) => void editor.changePage(p)}
          onEdit={(line, edit) => void editor.editLine(line, edit)}
          onRemove={(line) => void editor.removeLine(line)}
          onShowWaterfall={editor.setWaterfallLine}
        />
      ) : null}
      {editor.waterfallLine ? (
        <WaterfallView
          line={editor.waterfallLine}
          currency={quote.currency}
          onClose={() => editor.setWaterfallLine(null)}
        />
      ) : null}
      <QuoteTotalsView quote={quote} />
    </Flex>
  );
}

hubspot.extend<'crm.record.tab'>(() => <ConfigurePriceCard />);
