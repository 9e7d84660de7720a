import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { requireSignedPortal } from '../../kernel/http/signed-context.ts';
import { requireRole } from '../tenancy/index.ts';
import { buildWaterfall } from './domain/revenue-waterfall.ts';
import { writeRevenueCsv } from './revenue-csv-export.ts';
import { revenuePosition } from './revenue-position.ts';
import { PeriodRangeSchema, PositionQuerySchema, RowCursorSchema, RowsQuerySchema } from './revenue-query-schemas.ts';
import { revenueReportRepository } from './revenue-report-repository.ts';
import { sspRuleRepository } from './ssp-rule-repository.ts';
import { fromSspRule } from './ssp-rules-schema.ts';
import { importSspRules } from './ssp-rules-service.ts';

const QUERY = 'REVENUE_QUERY_INVALID';

function decodeCursor(text: string | undefined) {
  if (text === undefined) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('validation', QUERY, 'Invalid cursor', { issues: [{ path: 'after', message: 'invalid' }] });
  }
  return parseInput(RowCursorSchema, decoded, QUERY);
}

/**
 * Revenue reports and SSP administration (docs/revenue.md), signed like every card route:
 * GET /v1/revenue/waterfall, /rows, /export.csv, /position; GET and PUT (admin) /v1/revenue/ssp-rules.
 */
export function revenueRouter(db: Kysely<DatabaseSchema>, now: () => number): Router {
  const router = Router();

  router.get('/v1/revenue/waterfall', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const range = parseInput(PeriodRangeSchema, { from: req.query.from, to: req.query.to }, QUERY);
    const sums = await revenueReportRepository.sumsByInceptionAndPeriod(db, portalId);
    res.json(
      buildWaterfall(
        sums.map((s) => ({
          currency: s.currency,
          inceptionPeriod: s.inception_period,
          period: s.period,
          amount: s.amount,
        })),
        range.from,
        range.to,
      ),
    );
  });

  router.get('/v1/revenue/rows', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const query = parseInput(RowsQuerySchema, req.query, QUERY);
    parseInput(PeriodRangeSchema, { from: query.from, to: query.to }, QUERY);
    const rows = await revenueReportRepository.page(db, portalId, query, decodeCursor(query.after), query.limit);
    const last = rows.length === query.limit ? rows[rows.length - 1] : undefined;
    const nextCursor = last
      ? Buffer.from(JSON.stringify({ contractId: last.contractId, lineId: last.lineId, period: last.period })).toString(
          'base64url',
        )
      : null;
    res.json({ rows, nextCursor });
  });

  router.get('/v1/revenue/export.csv', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const range = parseInput(PeriodRangeSchema, { from: req.query.from, to: req.query.to }, QUERY);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="revenue-${range.from}-${range.to}.csv"`);
    await writeRevenueCsv(db, portalId, range, res);
    res.end();
  });

  router.get('/v1/revenue/position', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const query = parseInput(PositionQuerySchema, req.query, QUERY);
    const asOf = query.asOf ?? new Date(now()).toISOString().slice(0, 10);
    const filter = query.dealId !== undefined ? { dealId: query.dealId } : { companyId: query.companyId ?? '' };
    res.json({ ...filter, ...(await revenuePosition(db, portalId, filter, asOf)) });
  });

  router.get('/v1/revenue/ssp-rules', async (_req, res) => {
    const portalId = requireSignedPortal(res);
    res.json({ rules: (await sspRuleRepository.list(db, portalId)).map(fromSspRule) });
  });

  router.put('/v1/revenue/ssp-rules', async (req, res) => {
    const caller = await requireRole(db, res, 'admin');
    res.json(await importSspRules(db, caller.portalId, req.body, { userId: caller.userId }));
  });

  return router;
}
