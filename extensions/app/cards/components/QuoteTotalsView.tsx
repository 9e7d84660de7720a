import { Alert, Flex, Statistics, StatisticsItem } from '@hubspot/ui-extensions';
import type { QuoteView } from '../api/card-api-schemas.ts';

/** Quote totals and the engine's messages, exactly as the API computed them. */
export function QuoteTotalsView({ quote }: { quote: QuoteView }) {
  const t = quote.totals;
  const c = quote.currency;
  return (
    <Flex direction="column" gap="small">
      <Statistics>
        <StatisticsItem testId="total-one-time" label="One-time" number={`${t.oneTimeTotal} ${c}`} />
        <StatisticsItem testId="total-recurring" label="Recurring" number={`${t.recurringTotal} ${c}`} />
        <StatisticsItem testId="total-mrr" label="MRR" number={`${t.mrr} ${c}`} />
        <StatisticsItem testId="total-arr" label="ARR" number={`${t.arr} ${c}`} />
        <StatisticsItem testId="total-tcv" label="TCV" number={`${t.tcv} ${c}`} />
        <StatisticsItem testId="total-net" label="Net total" number={`${t.netTotal} ${c}`} />
      </Statistics>
      {quote.messages.map((m, i) => (
        <Alert
          key={`${m.code}-${m.lineId ?? ''}-${i}`}
          title={m.code}
          variant={m.level === 'error' ? 'danger' : m.level === 'warning' ? 'warning' : 'info'}
        >
          {m.text}
        </Alert>
      ))}
    </Flex>
  );
}
