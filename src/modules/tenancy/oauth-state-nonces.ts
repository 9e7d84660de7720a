import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { invalidOAuthState, type VerifiedOAuthState } from './oauth-state.ts';

/**
 * Makes a verified OAuth state single-use (RFC 6749 §10.12 asks that `state` bind the callback to
 * one authorization request): the nonce is inserted once; a second callback with the same state
 * finds it and is refused with OAUTH_STATE_INVALID, writing nothing. The primary key decides
 * between two concurrent callbacks. Expired nonces are deleted on the way (their states are refused
 * by the expiry check anyway), so the table holds at most ten minutes of installs.
 */
export async function consumeOAuthState(
  db: Kysely<DatabaseSchema>,
  state: VerifiedOAuthState,
  nowMs: number,
): Promise<void> {
  await db.deleteFrom('oauth_state_nonces').where('expires_at', '<', new Date(nowMs)).execute();
  const inserted = await db
    .insertInto('oauth_state_nonces')
    .values({ nonce: state.nonce, expires_at: new Date(state.expiresAtMs), consumed_at: new Date(nowMs) })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .returning('nonce')
    .executeTakeFirst();
  if (!inserted) throw invalidOAuthState('state has already been used; start the install again');
}
