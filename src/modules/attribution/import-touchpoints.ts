import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { recordAudit } from '../tenancy/index.ts';
import { attributionRepository } from './attribution-repository.ts';
import { parseTouchpointCsv } from './touchpoint-csv.ts';

/**
 * `cpq attribution import-touchpoints <csv>`: validates every row first (nothing is written unless
 * all pass), then upserts them and an audit row in one transaction, so a re-run changes nothing
 * and a killed import leaves nothing half-written.
 */
export async function importTouchpoints(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  csvText: string,
): Promise<{ touchpoints: number; deals: number }> {
  const rows = parseTouchpointCsv(csvText);
  await db.transaction().execute(async (trx) => {
    await attributionRepository.upsertTouchpoints(trx, portalId, rows, 'import');
    await recordAudit(trx, portalId, {
      actorKind: 'system',
      action: 'attribution.touchpoints-imported',
      entityType: 'attribution-touchpoints',
      entityId: String(portalId),
      details: { touchpoints: rows.length },
    });
  });
  return { touchpoints: rows.length, deals: new Set(rows.map((row) => row.dealId)).size };
}
