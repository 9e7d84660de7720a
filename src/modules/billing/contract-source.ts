import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { ContractView } from '../contracts/index.ts';

/**
 * Where billing reads a contract: the contracts module's reader (`createContractReader(db)` from
 * src/modules/contracts/index.ts) in the running app, a fake in tests. Billing never queries the
 * contracts tables itself.
 */
export interface ContractSource {
  get(portalId: PortalId, contractId: string): Promise<ContractView | null>;
}

/** Until the contracts reader is wired in, a contract event fails and is retried by its queue. */
export const unavailableContractSource: ContractSource = {
  get() {
    return Promise.reject(
      new AppError('unavailable', 'CONTRACT_SOURCE_UNAVAILABLE', 'The contracts reader is not wired into billing'),
    );
  },
};
