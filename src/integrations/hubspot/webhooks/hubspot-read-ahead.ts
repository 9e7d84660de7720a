import type { PortalId } from '../../../kernel/db/portal-id.ts';
import type { DealStagesPort, HubSpotLookupPort } from './webhook-ports.ts';

/**
 * Thrown by a read-ahead port inside the processing transaction when the value is not loaded yet.
 * The processor rolls the event back, ends the transaction, runs `load` (the HubSpot call, outside
 * any transaction) and processes the object again; the second time the value is there.
 */
export class HubSpotReadNeeded extends Error {
  readonly key: string;
  readonly load: () => Promise<void>;
  constructor(key: string, load: () => Promise<void>) {
    super(`HubSpot read ${key} is needed before the transaction`);
    this.key = key;
    this.load = load;
  }
}

export function isHubSpotReadNeeded(error: unknown): error is HubSpotReadNeeded {
  return error instanceof HubSpotReadNeeded;
}

/** Values read from HubSpot for one processing run, keyed by what was asked. */
export interface ReadAhead {
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export function createReadAhead(): ReadAhead {
  const values = new Map<string, unknown>();
  return {
    async read<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (values.has(key)) return values.get(key) as T;
      throw new HubSpotReadNeeded(key, async () => {
        values.set(key, await load());
      });
    },
  };
}

/** The lookups as the handlers see them inside the transaction: answers only from the read-ahead. */
export function readAheadLookups(network: HubSpotLookupPort, ahead: ReadAhead): HubSpotLookupPort {
  return {
    companyCurrency: (portalId: PortalId) =>
      ahead.read(`currency:${portalId}`, () => network.companyCurrency(portalId)),
    product: (portalId, productId) =>
      ahead.read(`product:${portalId}:${productId}`, () => network.product(portalId, productId)),
    lineItemDealIds: (portalId, lineItemId) =>
      ahead.read(`line-item-deals:${portalId}:${lineItemId}`, () => network.lineItemDealIds(portalId, lineItemId)),
  };
}

export function readAheadDealStages(network: DealStagesPort, ahead: ReadAhead): DealStagesPort {
  return {
    isClosedWon: (portalId, pipelineId, stageId) =>
      ahead.read(`closed-won:${portalId}:${pipelineId ?? ''}:${stageId}`, () =>
        network.isClosedWon(portalId, pipelineId, stageId),
      ),
  };
}
