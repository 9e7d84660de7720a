import {
  Alert,
  EmptyState,
  ErrorState,
  Flex,
  LoadingSpinner,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
  hubspot,
  useExtensionContext,
} from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import {
  ATTRIBUTION_MODEL_OPTIONS,
  AttributionReportSchema,
  type AttributionReport,
} from './api/attribution-api-schemas.ts';
import { createCpqClient } from './api/cpq-client.ts';
import { formatAmount } from './QuoteSummaryCard.tsx';

/** "0.3" -> "30%", "0.3333333333" -> "33.33%": display only, by moving the decimal point in the string. */
export function formatShare(weight: string): string {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(weight);
  if (!match) return weight;
  const [, whole = '0', fraction = ''] = match;
  const digits = `${whole}${fraction.padEnd(2, '0')}`;
  const integer = digits.slice(0, whole.length + 2).replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2, 4).replace(/0+$/, '');
  return `${integer}${rest ? `.${rest}` : ''}%`;
}

type Phase = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; report: AttributionReport };

/**
 * Deal sidebar: the deal's touch path with each touch's share of the quoted, contracted, invoiced
 * and collected amounts, so a marketer can audit any number of the attribution report.
 */
export function AttributionCard() {
  const context = useExtensionContext<'crm.record.sidebar'>();
  const [client] = useState(() => createCpqClient());
  const [model, setModel] = useState('w-shaped');
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const dealId = String(context.crm.objectId);

  useEffect(() => {
    setPhase({ kind: 'loading' });
    client.request('GET', `/api/v1/attribution/deals/${dealId}?model=${model}`, AttributionReportSchema).then(
      (report) => setPhase({ kind: 'ready', report }),
      () => setPhase({ kind: 'error' }),
    );
  }, [client, dealId, model]);

  const picker = (
    <Select
      label="Model"
      name="model"
      value={model}
      options={ATTRIBUTION_MODEL_OPTIONS.map((option) => ({ ...option }))}
      onChange={(value) => setModel(String(value))}
    />
  );
  if (phase.kind === 'loading') return <LoadingSpinner label="Loading the touch path" />;
  if (phase.kind === 'error') {
    return (
      <ErrorState title="Attribution could not be loaded">
        <Text>Try again in a moment.</Text>
      </ErrorState>
    );
  }
  const deal = phase.report.byDeal[0];
  if (!deal) {
    return (
      <Flex direction="column" gap="sm">
        {picker}
        <EmptyState title="No attribution data yet" layout="vertical">
          <Text>Touchpoints and amounts appear once the deal is quoted.</Text>
        </EmptyState>
      </Flex>
    );
  }
  return (
    <Flex direction="column" gap="sm">
      {picker}
      {phase.report.notes.map((note) => (
        <Alert key={note} title="Attribution" variant="info">
          {note}
        </Alert>
      ))}
      {deal.unattributed ? (
        <Text testId="unattributed">No counted touch before closed-won: this deal is unattributed.</Text>
      ) : (
        <Table bordered={true}>
          <TableHead>
            <TableRow>
              <TableHeader>Touch</TableHeader>
              <TableHeader>Share</TableHeader>
              <TableHeader>Quoted</TableHeader>
              <TableHeader>Collected</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {deal.touchpoints.map((touch) => (
              <TableRow key={touch.id}>
                <TableCell>
                  <Text format={{ fontWeight: 'demibold' }}>{touch.campaign}</Text>
                  <Text variant="microcopy">
                    {touch.occurredAt.slice(0, 10)}
                    {touch.channel ? ` · ${touch.channel}` : ''}
                  </Text>
                  {touch.keyPoints.map((point) => (
                    <Tag key={point}>{point}</Tag>
                  ))}
                  {touch.counted ? null : <Tag variant="warning">after closed-won</Tag>}
                </TableCell>
                <TableCell>
                  <Text testId={`share-${touch.id}`}>{formatShare(touch.weight)}</Text>
                </TableCell>
                <TableCell>
                  <Text testId={`quoted-${touch.id}`}>{formatAmount(touch.quoted)}</Text>
                </TableCell>
                <TableCell>{formatAmount(touch.collected)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Flex>
  );
}

hubspot.extend<'crm.record.sidebar'>(() => <AttributionCard />);
