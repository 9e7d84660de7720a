import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { pureJsonRoute } from '../../kernel/http/pure-json-route.ts';
import { requireSignedPortal } from '../../kernel/http/signed-context.ts';
import { ATTRIBUTION_ERROR_CODES } from './attribution-error-codes.ts';
import { buildAttributionReport, buildDealAttribution, ReportQuerySchema, reportToCsv } from './attribution-report.ts';
import { attribute } from './domain/attribute-deals.ts';
import { ATTRIBUTION_MODELS, AttributionRequestSchema } from './domain/attribution-request-schema.ts';

/** `POST /api/v1/attribution/compute`: same request/response as `cpq attribute` (public contract). */
export function attributionComputeRouter(): Router {
  return pureJsonRoute({
    path: '/v1/attribution/compute',
    code: ATTRIBUTION_ERROR_CODES.requestInvalid,
    schema: AttributionRequestSchema,
    compute: attribute,
  });
}

/** Query parameters arrive with HubSpot's signed ones (portalId, userId, ...): keep only ours. */
function reportParams(query: Record<string, unknown>): Record<string, unknown> {
  const { model, from, to, halfLifeDays } = query;
  return Object.fromEntries(
    Object.entries({ model, from, to, halfLifeDays }).filter(([, value]) => value !== undefined),
  );
}

const DealParams = z.strictObject({ dealId: z.string().regex(/^[0-9]{1,20}$/, 'must be a HubSpot deal id') });
const DealQuery = z.strictObject({ model: z.enum(ATTRIBUTION_MODELS).default('w-shaped') });

/**
 * The marketing report (`GET /api/v1/attribution/report?model&from&to`, JSON or `format=csv`) and a
 * deal's touch path (`GET /api/v1/attribution/deals/:dealId?model`), computed from stored
 * touchpoints and deal amounts.
 */
export function attributionReportRouter(db: Kysely<DatabaseSchema>): Router {
  const router = Router();
  router.get('/v1/attribution/report', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const query = req.query as Record<string, unknown>;
    const parsed = parseInput(ReportQuerySchema, reportParams(query), ATTRIBUTION_ERROR_CODES.reportQueryInvalid);
    const report = await buildAttributionReport(db, portalId, parsed);
    if (query.format === 'csv') {
      res.type('text/csv').send(reportToCsv(report));
      return;
    }
    res.json(report);
  });
  router.get('/v1/attribution/deals/:dealId', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const { dealId } = parseInput(DealParams, req.params, ATTRIBUTION_ERROR_CODES.reportQueryInvalid);
    const model = req.query.model === undefined ? {} : { model: req.query.model };
    const { model: parsedModel } = parseInput(DealQuery, model, ATTRIBUTION_ERROR_CODES.reportQueryInvalid);
    res.json(await buildDealAttribution(db, portalId, dealId, parsedModel));
  });
  return router;
}
