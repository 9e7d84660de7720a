import type { Kysely } from 'kysely';
import type { DatabaseSchema, SequenceKind } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';

/**
 * The next number of a portal's gapless sequence, taken inside the issuing transaction. The counter
 * row is locked FOR UPDATE, so a concurrent issuer waits until this transaction commits (number
 * used) or rolls back (number never used): no gap, no duplicate. A PostgreSQL SEQUENCE would not do:
 * nextval is never rolled back ("Sequence Manipulation Functions" in the PostgreSQL manual), so a
 * failed or killed issue would leave a gap.
 */
export async function nextSequenceValue(
  trx: Kysely<DatabaseSchema>,
  portalId: PortalId,
  kind: SequenceKind,
): Promise<number> {
  const locked = () =>
    trx
      .selectFrom('billing_sequences')
      .select('last_value')
      .where('portal_id', '=', portalId)
      .where('kind', '=', kind)
      .forUpdate()
      .executeTakeFirst();
  let row = await locked();
  if (!row) {
    await trx
      .insertInto('billing_sequences')
      .values({ portal_id: portalId, kind, last_value: 0 })
      .onConflict((oc) => oc.columns(['portal_id', 'kind']).doNothing())
      .execute();
    row = await locked();
  }
  const next = (row?.last_value ?? 0) + 1;
  await trx
    .updateTable('billing_sequences')
    .set({ last_value: next })
    .where('portal_id', '=', portalId)
    .where('kind', '=', kind)
    .execute();
  return next;
}
