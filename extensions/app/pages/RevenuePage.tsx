import {
  BarChart,
  EmptyState,
  ErrorState,
  Flex,
  Heading,
  LineChart,
  LoadingSpinner,
  Select,
  Text,
} from '@hubspot/ui-extensions';
import { useEffect, useMemo, useState } from 'react';
import { createCpqClient } from '../cards/api/cpq-client.ts';
import type { RevenueWaterfall } from '../cards/api/revenue-api-schemas.ts';

type Phase = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; waterfall: RevenueWaterfall };

export interface RevenuePageProps {
  /** First and last month shown, `YYYY-MM`; default: the current calendar year. */
  from?: string;
  to?: string;
}

/**
 * The "Revenue" app page: revenue recognised per month (bar chart) and the deferred balance at each
 * month end (line chart), per currency, from `GET /api/v1/revenue/waterfall`. The amounts are the
 * API's decimal strings, charted as given: no arithmetic here (docs/revenue.md).
 */
export function RevenuePage({ from, to }: RevenuePageProps) {
  const year = String(new Date().getUTCFullYear());
  const range = { from: from ?? `${year}-01`, to: to ?? `${year}-12` };
  const client = useMemo(() => createCpqClient(), []);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [currency, setCurrency] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client
      .revenueWaterfall(range.from, range.to)
      .then((waterfall) => live && setPhase({ kind: 'ready', waterfall }))
      .catch(
        (error: unknown) =>
          live && setPhase({ kind: 'error', message: error instanceof Error ? error.message : 'Failed to load' }),
      );
    return () => {
      live = false;
    };
  }, [client, range.from, range.to]);

  if (phase.kind === 'loading') return <LoadingSpinner label="Loading revenue" />;
  if (phase.kind === 'error')
    return (
      <ErrorState title="Revenue could not be loaded">
        <Text>{phase.message}</Text>
      </ErrorState>
    );
  const currencies = phase.waterfall.currencies;
  const selected = currencies.find((c) => c.currency === currency) ?? currencies[0];
  if (!selected)
    return (
      <EmptyState title="No revenue yet">
        <Text>Revenue schedules appear here once contracts are created.</Text>
      </EmptyState>
    );
  const recognized = selected.months.map((m) => ({ month: m.period, recognized: m.recognized }));
  const deferred = selected.months.map((m) => ({ month: m.period, deferred: m.deferredEnd }));
  return (
    <Flex direction="column" gap="medium">
      <Heading>
        Revenue {range.from} to {range.to} ({selected.currency})
      </Heading>
      {currencies.length > 1 && (
        <Select
          testId="revenue-currency"
          label="Currency"
          name="currency"
          value={selected.currency}
          options={currencies.map((c) => ({ label: c.currency, value: c.currency }))}
          onChange={(value) => setCurrency(String(value))}
        />
      )}
      <BarChart
        testId="revenue-recognized"
        data={recognized}
        axes={{
          x: { field: 'month', fieldType: 'category', label: 'Month' },
          y: { field: 'recognized', fieldType: 'linear', label: `Recognized (${selected.currency})` },
        }}
        options={{ title: 'Revenue recognized by month', showTooltips: true }}
      />
      <LineChart
        testId="revenue-deferred"
        data={deferred}
        axes={{
          x: { field: 'month', fieldType: 'category', label: 'Month' },
          y: { field: 'deferred', fieldType: 'linear', label: `Deferred (${selected.currency})` },
        }}
        options={{ title: 'Deferred revenue at month end', showTooltips: true }}
      />
    </Flex>
  );
}
