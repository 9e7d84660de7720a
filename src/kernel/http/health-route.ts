import { Router } from 'express';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../errors/app-error.ts';
import { MIGRATIONS } from '../db/migrations/migration-list.ts';
import type { DatabaseSchema } from '../db/db-schema.ts';

/**
 * `GET /healthz` -> 200 `{ "status": "ok" }` once the database is reachable and every migration
 * this build knows is applied (public contract); 503 otherwise.
 */
export function healthRouter(db: Kysely<DatabaseSchema>): Router {
  const router = Router();
  const expected = Object.keys(MIGRATIONS).length;
  router.get('/healthz', async (_req, res) => {
    let applied: number;
    try {
      const result = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db);
      applied = result.rows[0]?.n ?? 0;
    } catch (error) {
      throw new AppError('unavailable', 'DATABASE_UNAVAILABLE', 'Database is not reachable or not migrated', {
        cause: error,
      });
    }
    if (applied < expected)
      throw new AppError('unavailable', 'DATABASE_NOT_MIGRATED', 'Database migrations are pending');
    res.json({ status: 'ok' });
  });
  return router;
}
