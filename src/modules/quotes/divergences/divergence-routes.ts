import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import { AppError } from '../../../kernel/errors/app-error.ts';
import { requireSignedPortal } from '../../../kernel/http/signed-context.ts';
import { divergenceQueries } from './open-divergences.ts';
import { QUOTE_ERROR } from '../quote-error-codes.ts';

/**
 * `POST /api/v1/divergences/:id/resolve`: the rep acknowledges a divergence between HubSpot's deal
 * and the primary quote (it stops showing on the quote summary). Neither side is changed.
 */
export function divergenceRouter(db: Kysely<DatabaseSchema>, now: () => number): Router {
  const router = Router();
  const queries = divergenceQueries(db);
  router.post('/v1/divergences/:id/resolve', async (req, res) => {
    const portalId = requireSignedPortal(res);
    const raw = req.params.id;
    if (!/^[0-9]{1,15}$/.test(raw))
      throw new AppError('validation', QUOTE_ERROR.DIVERGENCE_ID_INVALID, 'id must be a divergence id', {
        issues: [{ path: 'id', message: 'must be digits' }],
      });
    const resolvedAt = new Date(now());
    if (!(await queries.resolve(portalId, Number(raw), resolvedAt)))
      throw new AppError('not-found', QUOTE_ERROR.DIVERGENCE_NOT_FOUND, 'no open divergence with this id');
    res.json({ id: Number(raw), resolvedAt: resolvedAt.toISOString() });
  });
  return router;
}
