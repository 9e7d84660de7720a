import { Divider, Flex, Heading, hubspot, useExtensionContext } from '@hubspot/ui-extensions';
import { useState, type ReactNode } from 'react';
import { createCpqClient } from './api/cpq-client.ts';
import { ContractStates, ContractSummary, useContracts } from './components/ContractList.tsx';

export interface ContractBillingCardProps {
  /**
   * SLOT: the billing section (invoices, payments) — built by the billing module as its own
   * component and mounted here by passing it in; nothing is rendered until it exists.
   */
  billingSection?: (contractId: string) => ReactNode;
  /** SLOT: the revenue section (revenue schedule) — built by the revenue module, mounted the same way. */
  revenueSection?: (contractId: string) => ReactNode;
}

/**
 * Contract & billing (deal tab): the deal's contract(s) — term, ARR, subscriptions with quantity
 * history — followed by the billing and revenue sections of each contract (slots).
 */
export function ContractBillingCard({ billingSection, revenueSection }: ContractBillingCardProps = {}) {
  const context = useExtensionContext<'crm.record.tab'>();
  const [client] = useState(() => createCpqClient());
  const dealId = String(context.crm.objectId);
  const phase = useContracts(() => client.dealContracts(dealId), dealId);
  const state = (
    <ContractStates phase={phase} emptyText="The deal's contract appears here once its quote is accepted." />
  );
  if (phase.kind !== 'ready' || phase.contracts.length === 0) return state;
  return (
    <Flex direction="column" gap="medium">
      {phase.contracts.map((contract) => (
        <Flex key={contract.id} direction="column" gap="small">
          <Heading>{`Contract ${contract.number}`}</Heading>
          <ContractSummary contract={contract} />
          {billingSection ? (
            <>
              <Divider />
              {billingSection(contract.id)}
            </>
          ) : null}
          {revenueSection ? (
            <>
              <Divider />
              {revenueSection(contract.id)}
            </>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}

hubspot.extend<'crm.record.tab'>(() => <ContractBillingCard />);
