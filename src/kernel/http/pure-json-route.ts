import { Router } from 'express';
import type { z } from 'zod';
import { parseInput } from '../errors/parse-input.ts';
import { requireSignedPortal } from './signed-context.ts';

/**
 * The HTTP twin of a headless command: `POST /api/<path>` takes the same request JSON and answers
 * the same response JSON. Signed like every card route (the portal comes from the signature even
 * though the pure function reads nothing of the portal); invalid input -> 400 with the error JSON.
 */
export function pureJsonRoute<S extends z.ZodType, R>(spec: {
  path: string;
  code: string;
  schema: S;
  compute(request: z.output<S>): R;
}): Router {
  const router = Router();
  router.post(spec.path, (req, res) => {
    requireSignedPortal(res);
    res.json(spec.compute(parseInput(spec.schema, req.body, spec.code)));
  });
  return router;
}
