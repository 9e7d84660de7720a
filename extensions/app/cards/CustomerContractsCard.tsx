import { Divider, Flex, hubspot, useExtensionContext } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { createCpqClient } from './api/cpq-client.ts';
import { ContractStates, ContractSummary, useContracts } from './components/ContractList.tsx';

/**
 * Customer contracts (company sidebar): every contract of the company with ARR, renewal date and
 * each subscription's quantity over time. Values are the API's strings; the card computes nothing.
 */
export function CustomerContractsCard() {
  const context = useExtensionContext<'crm.record.sidebar'>();
  const [client] = useState(() => createCpqClient());
  const companyId = String(context.crm.objectId);
  const phase = useContracts(() => client.companyContracts(companyId), companyId);
  const state = <ContractStates phase={phase} emptyText="Contracts appear here once a quote is accepted." />;
  if (phase.kind !== 'ready' || phase.contracts.length === 0) return state;
  return (
    <Flex direction="column" gap="medium">
      {phase.contracts.map((contract, index) => (
        <Flex key={contract.id} direction="column" gap="small">
          {index > 0 ? <Divider /> : null}
          <ContractSummary contract={contract} />
        </Flex>
      ))}
    </Flex>
  );
}

hubspot.extend<'crm.record.sidebar'>(() => <CustomerContractsCard />);
