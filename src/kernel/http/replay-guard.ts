import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/db-schema.ts';
import { AppError } from '../errors/app-error.ts';

/** HubSpot's v3 signatures are valid for 5 minutes around their timestamp ("Validating requests from HubSpot"). */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;
/** One request in this many also deletes expired rows (cheap, indexed). */
const PURGE_EVERY = 50;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * After the signature check on /api: a state-changing request whose v3 signature was already seen
 * inside its window is a replay (a captured request sent again, e.g. a POST that would create a
 * duplicate quote): 409 SIGNATURE_REPLAYED. Reads are not checked: replaying a GET only returns
 * what the captured response already showed. The seen set is a table, so it holds across processes.
 */
export function refuseReplayedRequests(db: Kysely<DatabaseSchema>, now: () => number): RequestHandler {
  let requests = 0;
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const signature = req.headers['x-hubspot-signature-v3'];
    const timestamp = Number(req.headers['x-hubspot-request-timestamp']);
    if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return next();
    const hash = createHash('sha256').update(signature).digest('hex');
    const expiresAt = new Date(Math.max(now(), timestamp) + SIGNATURE_WINDOW_MS);
    requests += 1;
    if (requests % PURGE_EVERY === 0) {
      await sql`delete from seen_request_signatures where expires_at < ${new Date(now())}`.execute(db);
    }
    const inserted = await sql<{ signature_hash: string }>`
      insert into seen_request_signatures (signature_hash, expires_at) values (${hash}, ${expiresAt})
      on conflict (signature_hash) do update set expires_at = excluded.expires_at
        where seen_request_signatures.expires_at < ${new Date(now())}
      returning signature_hash`.execute(db);
    if (inserted.rows.length === 0)
      throw new AppError('conflict', 'SIGNATURE_REPLAYED', 'This signed request was already received (replay)');
    next();
  };
}
