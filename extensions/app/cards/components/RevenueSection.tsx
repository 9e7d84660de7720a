import { DescriptionList, DescriptionListItem, ErrorState, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { useEffect, useMemo, useState } from 'react';
import { createCpqClient } from '../api/cpq-client.ts';
import type { RevenuePosition } from '../api/revenue-api-schemas.ts';

type Phase = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; position: RevenuePosition };

/** Thousands separators on the API's decimal string (display only, no arithmetic). */
function display(value: string, currency: string): string {
  const [whole = '', fraction] = value.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`} ${currency}`;
}

/**
 * The revenue section of the "Contract & billing" card: contract value, revenue recognised to date
 * (months ended) and deferred revenue for the deal, per currency (`GET /api/v1/revenue/position`).
 */
export function RevenueSection({ dealId }: { dealId: string }) {
  const client = useMemo(() => createCpqClient(), []);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    client
      .revenuePosition(dealId)
      .then((position) => live && setPhase({ kind: 'ready', position }))
      .catch(() => live && setPhase({ kind: 'error' }));
    return () => {
      live = false;
    };
  }, [client, dealId]);

  if (phase.kind === 'loading') return <LoadingSpinner label="Loading revenue" />;
  if (phase.kind === 'error')
    return (
      <ErrorState title="Revenue could not be loaded">
        <Text>Try again in a moment.</Text>
      </ErrorState>
    );
  if (phase.position.currencies.length === 0)
    return <Text testId="revenue-none">No revenue schedule yet for this deal.</Text>;
  return (
    <Flex direction="column" gap="small">
      <Text testId="revenue-through" variant="microcopy">
        Recognized through {phase.position.throughPeriod}
      </Text>
      {phase.position.currencies.map((c) => (
        <DescriptionList key={c.currency} direction="row">
          <DescriptionListItem label="Contract value">
            <Text testId={`revenue-value-${c.currency}`}>{display(c.contractValue, c.currency)}</Text>
          </DescriptionListItem>
          <DescriptionListItem label="Recognized to date">
            <Text testId={`revenue-recognized-${c.currency}`}>{display(c.recognizedToDate, c.currency)}</Text>
          </DescriptionListItem>
          <DescriptionListItem label="Deferred">
            <Text testId={`revenue-deferred-${c.currency}`}>{display(c.deferred, c.currency)}</Text>
          </DescriptionListItem>
        </DescriptionList>
      ))}
    </Flex>
  );
}
