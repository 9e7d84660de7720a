import { Router } from 'express';
import { isoAt, type SandboxClock } from './sandbox-clock.ts';
import { DEFAULT_DEAL_PIPELINE } from './sandbox-default-properties.ts';
import { resourceNotFound } from './sandbox-errors.ts';
import { param } from './sandbox-http.ts';
import { requestContext, requireScopes } from './sandbox-request-context.ts';

/**
 * Read-only `/crm/v3/pipelines/deals`: the stock "Sales Pipeline" whose stage ids the seeded
 * deals use (closedwon/closedlost carry `metadata.isClosed`), so the app can map stages without a
 * HubSpot account.
 */
export function createPipelinesRouter(clock: SandboxClock): Router {
  const router = Router();
  const startedAt = clock.now();

  const pipeline = () => ({
    id: DEFAULT_DEAL_PIPELINE.id,
    label: DEFAULT_DEAL_PIPELINE.label,
    displayOrder: 0,
    archived: false,
    createdAt: isoAt(startedAt),
    updatedAt: isoAt(startedAt),
    stages: DEFAULT_DEAL_PIPELINE.stages.map((stage, index) => ({
      id: stage.id,
      label: stage.label,
      displayOrder: index,
      archived: false,
      metadata: { isClosed: String(stage.isClosed), probability: stage.probability },
      createdAt: isoAt(startedAt),
      updatedAt: isoAt(startedAt),
    })),
  });

  router.get('/crm/v3/pipelines/:objectType', (req, res) => {
    requireScopes(requestContext(req), ['crm.objects.deals.read']);
    res.json({
      results: param(req, 'objectType') === 'deals' || param(req, 'objectType') === '0-3' ? [pipeline()] : [],
    });
  });

  router.get('/crm/v3/pipelines/:objectType/:pipelineId', (req, res) => {
    requireScopes(requestContext(req), ['crm.objects.deals.read']);
    if (param(req, 'pipelineId') !== DEFAULT_DEAL_PIPELINE.id)
      throw resourceNotFound(`Unable to find pipeline ${param(req, 'pipelineId')}`);
    res.json(pipeline());
  });

  return router;
}
