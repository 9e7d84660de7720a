import {
  DescriptionList,
  DescriptionListItem,
  EmptyState,
  ErrorState,
  Flex,
  LoadingSpinner,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import { CpqApiError } from '../api/cpq-client.ts';
import type { ContractCardView, ContractListResponse } from '../api/contract-api-schemas.ts';

export type ContractsPhase =
  { kind: 'loading' } | { kind: 'error' } | { kind: 'forbidden' } | { kind: 'ready'; contracts: ContractCardView[] };

/** Loads a contract list once; 403 -> forbidden, any other failure -> error. */
export function useContracts(load: () => Promise<ContractListResponse>, key: string): ContractsPhase {
  const [phase, setPhase] = useState<ContractsPhase>({ kind: 'loading' });
  useEffect(() => {
    load().then(
      (response) => setPhase({ kind: 'ready', contracts: response.contracts }),
      (error: unknown) =>
        setPhase({ kind: error instanceof CpqApiError && error.status === 403 ? 'forbidden' : 'error' }),
    );
    // `load` is recreated each render; the record id (`key`) is what identifies the list.
  }, [key]);
  return phase;
}

const STATUS_VARIANT = { active: 'success', expired: 'default', cancelled: 'danger', renewed: 'info' } as const;

/** Loading / forbidden / error / empty states shared by both contract cards; null when ready with contracts. */
export function ContractStates({ phase, emptyText }: { phase: ContractsPhase; emptyText: string }) {
  if (phase.kind === 'loading') return <LoadingSpinner label="Loading contracts" />;
  if (phase.kind === 'forbidden')
    return (
      <ErrorState title="You don't have permission to see contracts" type="support">
        <Text>Ask your CPQ admin for access.</Text>
      </ErrorState>
    );
  if (phase.kind === 'error')
    return (
      <ErrorState title="The contracts could not be loaded">
        <Text>Reload the page to try again.</Text>
      </ErrorState>
    );
  if (phase.contracts.length === 0)
    return (
      <EmptyState title="No contracts yet" layout="vertical">
        <Text>{emptyText}</Text>
      </EmptyState>
    );
  return null;
}

/** One contract: status, term, ARR, total, and its subscriptions with their quantity history. */
export function ContractSummary({ contract }: { contract: ContractCardView }) {
  const c = contract.currency;
  return (
    <Flex direction="column" gap="small">
      <Flex direction="row" gap="small">
        <Text format={{ fontWeight: 'bold' }}>{contract.number}</Text>
        <StatusTag testId={`contract-status-${contract.number}`} variant={STATUS_VARIANT[contract.status]}>
          {contract.status}
        </StatusTag>
      </Flex>
      <DescriptionList direction="row">
        <DescriptionListItem label="Term">
          <Text testId={`contract-term-${contract.number}`}>{`${contract.startDate} – ${contract.endDate}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="ARR">
          <Text testId={`contract-arr-${contract.number}`}>{`${contract.arr} ${c}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Total value">
          <Text>{`${contract.totalValue} ${c}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Renews">
          <Text testId={`contract-renews-${contract.number}`}>{contract.endDate}</Text>
        </DescriptionListItem>
      </DescriptionList>
      <Table bordered={true}>
        <TableHead>
          <TableRow>
            <TableHeader>Product</TableHeader>
            <TableHeader>Quantity</TableHeader>
            <TableHeader>Quantity over time</TableHeader>
            <TableHeader>Net total</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {contract.lines.map((line) => (
            <TableRow key={line.id}>
              <TableCell>{line.name}</TableCell>
              <TableCell>
                <Text testId={`line-quantity-${line.sku}`}>{line.quantity}</Text>
              </TableCell>
              <TableCell>
                <Text testId={`line-history-${line.sku}`}>
                  {line.segments.map((s) => `${s.quantity} from ${s.startDate}`).join(', ')}
                </Text>
              </TableCell>
              <TableCell>{`${line.netTotal} ${c}`}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}
