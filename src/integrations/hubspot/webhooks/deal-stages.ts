import type { PortalId } from '../../../kernel/db/portal-id.ts';
import { AppError } from '../../../kernel/errors/app-error.ts';
import type { HubSpotClients } from '../hubspot-client-factory.ts';
import type { DealStagesPort } from './webhook-ports.ts';

export interface PipelineStage {
  id: string;
  metadata?: { isClosed?: string | boolean; probability?: string | number };
}

export interface DealPipeline {
  id: string;
  stages: PipelineStage[];
}

/** HubSpot's default deal pipeline names its won stage `closedwon` (reference §5; the sandbox too). */
export const DEFAULT_CLOSED_WON_STAGE = 'closedwon';

/** Closed-won = a closed stage with probability 1 (HubSpot's stage metadata: isClosed, probability). */
export function closedWonStageIds(pipelines: DealPipeline[], pipelineId: string | null): Set<string> {
  const ids = new Set<string>();
  for (const pipeline of pipelines) {
    if (pipelineId !== null && pipeline.id !== pipelineId) continue;
    for (const stage of pipeline.stages) {
      const closed = String(stage.metadata?.isClosed ?? 'false') === 'true';
      if (closed && Number(stage.metadata?.probability ?? 0) === 1) ids.add(stage.id);
    }
  }
  return ids;
}

/**
 * DealStagesPort over the portal's pipeline settings (`GET /crm/v3/pipelines/deals`), cached per
 * portal for `ttlMs`. Without a loader only the default `closedwon` stage
 * counts as won.
 */
export function createDealStages(
  options: { loadPipelines?: (portalId: PortalId) => Promise<DealPipeline[]>; ttlMs?: number; now?: () => number } = {},
): DealStagesPort {
  const cache = new Map<number, { at: number; pipelines: DealPipeline[] }>();
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? 300_000;
  return {
    async isClosedWon(portalId, pipelineId, stageId) {
      if (!options.loadPipelines) return stageId === DEFAULT_CLOSED_WON_STAGE;
      let entry = cache.get(portalId);
      if (!entry || now() - entry.at > ttl) {
        entry = { at: now(), pipelines: await options.loadPipelines(portalId) };
        cache.set(portalId, entry);
      }
      return closedWonStageIds(entry.pipelines, pipelineId).has(stageId);
    },
  };
}

/** Loads deal pipelines through the portal's HubSpot client (its limiter and retries). */
export function loadDealPipelines(clients: HubSpotClients, accessToken?: (portalId: PortalId) => string | undefined) {
  return async (portalId: PortalId): Promise<DealPipeline[]> => {
    const token = accessToken?.(portalId);
    // Same rule as hubspot-lookups.ts: with a token source, never fall back to the provider.
    if (accessToken && token === undefined)
      throw new AppError('unavailable', 'HUBSPOT_TOKEN_UNAVAILABLE', `no HubSpot access token for portal ${portalId}`);
    const response = await clients.forPortal(portalId).request({
      operation: 'pipelines.deals.list',
      method: 'GET',
      path: '/crm/v3/pipelines/deals',
      ...(token === undefined ? {} : { accessToken: token }),
    });
    return (response.body as { results?: DealPipeline[] }).results ?? [];
  };
}
