import {
  Alert,
  DescriptionList,
  DescriptionListItem,
  EmptyState,
  ErrorState,
  Flex,
  LoadingSpinner,
  StatusTag,
  Text,
  hubspot,
  useExtensionActions,
  useExtensionContext,
} from '@hubspot/ui-extensions';
import { useEffect, useRef, useState } from 'react';
import { CpqApiError, createCpqClient } from './api/cpq-client.ts';
import type { Divergence, QuoteSummaryResponse, SyncState } from './api/card-api-schemas.ts';

/** Thousands separators and at least two decimals on the API's decimal string (display only, no arithmetic). */
export function formatAmount(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign = '', whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

/** "HubSpot deal amount 1,200.00 differs from the primary quote 1,000.00" */
export function divergenceMessage(divergence: Divergence): string {
  if (divergence.field === 'dealstage')
    return `The deal was closed won in HubSpot (stage ${divergence.hubspotValue ?? 'unknown'}) but no quote was accepted by the buyer`;
  if (divergence.field === 'amount')
    return `HubSpot deal amount ${formatAmount(divergence.hubspotValue ?? '')} differs from the primary quote ${formatAmount(divergence.appValue ?? '')}`;
  return `HubSpot line items changed (${divergence.hubspotValue ?? 'unknown change'}); the primary quote has ${divergence.appValue ?? 'other lines'}`;
}

type Phase =
  { kind: 'loading' } | { kind: 'error' } | { kind: 'forbidden' } | { kind: 'ready'; summary: QuoteSummaryResponse };

const SYNC_LABEL: Record<
  SyncState['state'],
  { text: string; variant: 'default' | 'success' | 'warning' | 'danger' | 'info' }
> = {
  none: { text: 'Not synced', variant: 'default' },
  queued: { text: 'Sync queued', variant: 'info' },
  syncing: { text: 'Syncing', variant: 'info' },
  synced: { text: 'Synced to HubSpot', variant: 'success' },
  failed: { text: 'Sync failed', variant: 'danger' },
};

/**
 * Quote summary (deal sidebar): the primary quote's totals, status and last sync with HubSpot.
 * Values are the API's strings; the card computes nothing.
 */
export function QuoteSummaryCard() {
  const context = useExtensionContext<'crm.record.sidebar'>();
  const { addAlert } = useExtensionActions<'crm.record.sidebar'>();
  const alert = useRef(addAlert);
  alert.current = addAlert;
  const [client] = useState(() => createCpqClient());
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const dealId = String(context.crm.objectId);

  useEffect(() => {
    client.quoteSummary(dealId).then(
      (summary) => setPhase({ kind: 'ready', summary }),
      (error: unknown) => {
        if (error instanceof CpqApiError && error.status === 403) return setPhase({ kind: 'forbidden' });
        alert.current({
          type: 'danger',
          title: 'CPQ',
          message: error instanceof CpqApiError ? error.message : 'Something went wrong',
        });
        setPhase({ kind: 'error' });
      },
    );
  }, [client, dealId]);

  if (phase.kind === 'loading') return <LoadingSpinner label="Loading the primary quote" />;
  if (phase.kind === 'forbidden') {
    return (
      <ErrorState title="You don't have permission to see quotes" type="support">
        <Text>Ask your CPQ admin for access.</Text>
      </ErrorState>
    );
  }
  if (phase.kind === 'error') {
    return (
      <ErrorState title="The quote summary could not be loaded">
        <Text>Reload the page to try again.</Text>
      </ErrorState>
    );
  }
  const primary = phase.summary.primary;
  if (!primary) {
    return (
      <EmptyState title="No primary quote" layout="vertical">
        <Text>Build one in the Configure & Price tab.</Text>
      </EmptyState>
    );
  }
  const sync = SYNC_LABEL[primary.sync.state];
  const c = primary.currency;
  return (
    <Flex direction="column" gap="small">
      {phase.summary.divergences.map((divergence) => (
        <Alert
          key={divergence.id}
          testId={`divergence-${divergence.id}`}
          title="Differs from HubSpot"
          variant="warning"
        >
          {divergenceMessage(divergence)}
        </Alert>
      ))}
      <Flex direction="row" gap="small">
        <StatusTag testId="quote-status" variant="default">{`${primary.status} · rev ${primary.revision}`}</StatusTag>
        <StatusTag testId="sync-state" variant={sync.variant}>
          {sync.text}
        </StatusTag>
      </Flex>
      <Text format={{ fontWeight: 'bold' }}>{primary.title}</Text>
      <DescriptionList direction="column">
        <DescriptionListItem label="Net total">
          <Text testId="summary-net">{`${primary.totals.netTotal} ${c}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="One-time">
          <Text>{`${primary.totals.oneTimeTotal} ${c}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="ARR">
          <Text testId="summary-arr">{`${primary.totals.arr} ${c}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="TCV">
          <Text>{`${primary.totals.tcv} ${c}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Lines">
          <Text>{String(primary.lineCount)}</Text>
        </DescriptionListItem>
      </DescriptionList>
      {primary.pricesChangedSinceSaved ? <Text testId="summary-stale">Prices changed since saved</Text> : null}
      {primary.sync.at ? <Text variant="microcopy">{`Last sync activity ${primary.sync.at}`}</Text> : null}
    </Flex>
  );
}

hubspot.extend<'crm.record.sidebar'>(() => <QuoteSummaryCard />);
