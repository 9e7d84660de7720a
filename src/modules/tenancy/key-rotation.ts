import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId } from '../../kernel/db/portal-id.ts';
import type { TokenCipher } from './token-cipher.ts';

export interface RotationReport {
  keyId: string;
  reencrypted: number;
  alreadyCurrent: number;
}

/**
 * Re-encrypts every stored token under the cipher's current key, one portal per transaction
 * (portal_tokens is a tenant table: each statement is scoped by portal_id). Idempotent: rows
 * already under the current key are skipped, so an interrupted run can simply be repeated.
 */
export async function reencryptAllTokens(db: Kysely<DatabaseSchema>, cipher: TokenCipher): Promise<RotationReport> {
  const portals = await db.selectFrom('portals').select('portal_id').orderBy('portal_id').execute();
  const report: RotationReport = { keyId: cipher.currentKeyId, reencrypted: 0, alreadyCurrent: 0 };
  for (const { portal_id } of portals) {
    const portalId = toPortalId(Number(portal_id));
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('portal_tokens')
        .selectAll()
        .where('portal_id', '=', portalId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return;
      if (row.key_id === cipher.currentKeyId) {
        report.alreadyCurrent += 1;
        return;
      }
      const refresh = cipher.encrypt(cipher.decrypt(row.key_id, row.refresh_token_ciphertext));
      const access =
        row.access_token_ciphertext === null
          ? null
          : cipher.encrypt(cipher.decrypt(row.key_id, row.access_token_ciphertext)).ciphertext;
      await trx
        .updateTable('portal_tokens')
        .set({ key_id: refresh.keyId, refresh_token_ciphertext: refresh.ciphertext, access_token_ciphertext: access })
        .where('portal_id', '=', portalId)
        .where('key_id', '=', row.key_id)
        .execute();
      report.reencrypted += 1;
    });
  }
  return report;
}
