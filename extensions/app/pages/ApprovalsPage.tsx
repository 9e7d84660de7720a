import { Button, EmptyState, ErrorState, Flex, Input, LoadingSpinner, Text, Tile } from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import { createCpqClient } from '../cards/api/cpq-client.ts';
import type { PendingApprovals } from '../cards/api/approvals-api-schemas.ts';

type Phase = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; items: PendingApprovals['items'] };

/**
 * The "Approvals" app page: every quote waiting for the signed-in approver across deals, with
 * approve / reject (a rejection needs a comment, shown to the rep). Amounts are shown as the API
 * sent them (decimal strings); the page does no arithmetic.
 */
export function ApprovalsPage() {
  const [client] = useState(() => createCpqClient());
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [comments, setComments] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const load = () =>
    client.pendingApprovals().then(
      (body) => setPhase({ kind: 'ready', items: body.items }),
      () => setPhase({ kind: 'error' }),
    );
  useEffect(() => {
    void load();
  }, []);

  const decide = async (requestId: string, decision: 'approve' | 'reject') => {
    try {
      const result = await client.decideApproval(requestId, decision, comments[requestId]);
      setMessage(`Quote ${result.quoteStatus === 'approved' ? 'approved' : result.outcome}`);
      await load();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : 'The decision was not saved');
    }
  };

  if (phase.kind === 'loading') return <LoadingSpinner label="Loading approvals" />;
  if (phase.kind === 'error')
    return (
      <ErrorState title="Approvals could not be loaded">
        <Text>Try again in a moment.</Text>
      </ErrorState>
    );
  if (phase.items.length === 0)
    return (
      <EmptyState title="Nothing waiting for you" layout="vertical">
        <Text>Quotes that need your approval appear here.</Text>
      </EmptyState>
    );
  return (
    <Flex direction="column" gap="md">
      {message ? <Text testId="approvals-message">{message}</Text> : null}
      {phase.items.map((item) => (
        <Tile key={item.requestId} testId={`approval-${item.requestId}`}>
          <Text format={{ fontWeight: 'bold' }}>{item.quoteTitle}</Text>
          <Text
            testId={`approval-total-${item.requestId}`}
          >{`${item.netTotal} ${item.currency} · deal ${item.dealId}`}</Text>
          <Text>{item.rules.map((r) => `${r.name} (level ${r.level})`).join(', ')}</Text>
          <Input
            name={`comment-${item.requestId}`}
            label="Comment"
            value={comments[item.requestId] ?? ''}
            onChange={(value) => setComments({ ...comments, [item.requestId]: value })}
          />
          <Flex direction="row" gap="sm">
            <Button
              testId={`approve-${item.requestId}`}
              variant="primary"
              onClick={() => void decide(item.requestId, 'approve')}
            >
              Approve
            </Button>
            <Button
              testId={`reject-${item.requestId}`}
              variant="destructive"
              onClick={() => void decide(item.requestId, 'reject')}
            >
              Reject
            </Button>
          </Flex>
        </Tile>
      ))}
    </Flex>
  );
}
