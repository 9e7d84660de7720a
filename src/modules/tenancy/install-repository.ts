import type { Kysely } from 'kysely';
import type { DatabaseSchema, PortalStatus } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import type { TokenCipher } from './token-cipher.ts';

/** Installs (`portals`) and their encrypted tokens (`portal_tokens`). Plaintext tokens never leave this module's callers. */
export interface PortalInstall {
  portalId: number;
  status: PortalStatus;
  hubDomain: string | null;
  scopes: string[];
  features: string[];
  installedByUserId: number | null;
  installedAt: Date;
  uninstalledAt: Date | null;
  uninstallReason: string | null;
  dataDeleteAfter: Date | null;
  dataDeletedAt: Date | null;
}

export interface StoredTokens {
  refreshToken: string;
  accessToken: string | null;
  /** Epoch ms; null when no access token is stored. */
  accessTokenExpiresAt: number | null;
}

type Db = Kysely<DatabaseSchema>;

const split = (value: string) => value.split(' ').filter((item) => item !== '');

export async function findInstall(db: Db, portalId: PortalId): Promise<PortalInstall | undefined> {
  const row = await db.selectFrom('portals').selectAll().where('portal_id', '=', portalId).executeTakeFirst();
  if (!row) return undefined;
  return {
    portalId: Number(row.portal_id),
    status: row.status,
    hubDomain: row.hub_domain,
    scopes: split(row.scopes),
    features: split(row.features),
    installedByUserId: row.installed_by_user_id === null ? null : Number(row.installed_by_user_id),
    installedAt: new Date(row.installed_at),
    uninstalledAt: row.uninstalled_at && new Date(row.uninstalled_at),
    uninstallReason: row.uninstall_reason,
    dataDeleteAfter: row.data_delete_after && new Date(row.data_delete_after),
    dataDeletedAt: row.data_deleted_at && new Date(row.data_deleted_at),
  };
}

/** Install or re-install: status back to installed, scopes/features replaced, any pending deletion cancelled. */
export async function upsertInstall(
  db: Db,
  portalId: PortalId,
  install: {
    hubDomain: string | null;
    scopes: string[];
    features: string[];
    installedByUserId: number | null;
    now: Date;
  },
): Promise<void> {
  const values = {
    status: 'installed' as const,
    hub_domain: install.hubDomain,
    scopes: install.scopes.join(' '),
    features: install.features.join(' '),
    installed_by_user_id: install.installedByUserId,
    installed_at: install.now,
    uninstalled_at: null,
    uninstall_reason: null,
    data_delete_after: null,
    data_deleted_at: null,
    updated_at: install.now,
  };
  await db
    .insertInto('portals')
    .values({ portal_id: portalId, ...values })
    .onConflict((conflict) => conflict.column('portal_id').doUpdateSet(values))
    .execute();
}

export async function saveTokens(
  db: Db,
  cipher: TokenCipher,
  portalId: PortalId,
  tokens: StoredTokens,
  now: Date,
): Promise<void> {
  const refresh = cipher.encrypt(tokens.refreshToken);
  const access = tokens.accessToken === null ? null : cipher.encrypt(tokens.accessToken).ciphertext;
  const values = {
    key_id: refresh.keyId,
    refresh_token_ciphertext: refresh.ciphertext,
    access_token_ciphertext: access,
    access_token_expires_at: tokens.accessTokenExpiresAt === null ? null : new Date(tokens.accessTokenExpiresAt),
    updated_at: now,
  };
  await db
    .insertInto('portal_tokens')
    .values({ portal_id: portalId, ...values })
    .onConflict((conflict) => conflict.column('portal_id').doUpdateSet(values))
    .execute();
}

export async function readTokens(db: Db, cipher: TokenCipher, portalId: PortalId): Promise<StoredTokens | undefined> {
  const row = await db.selectFrom('portal_tokens').selectAll().where('portal_id', '=', portalId).executeTakeFirst();
  if (!row) return undefined;
  return {
    refreshToken: cipher.decrypt(row.key_id, row.refresh_token_ciphertext),
    accessToken: row.access_token_ciphertext === null ? null : cipher.decrypt(row.key_id, row.access_token_ciphertext),
    accessTokenExpiresAt: row.access_token_expires_at === null ? null : new Date(row.access_token_expires_at).getTime(),
  };
}

export async function deleteTokens(db: Db, portalId: PortalId): Promise<number> {
  const result = await db.deleteFrom('portal_tokens').where('portal_id', '=', portalId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function markUninstalled(
  db: Db,
  portalId: PortalId,
  change: { reason: 'app' | 'customer'; now: Date; deleteAfter: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('portals')
    .set({
      status: 'uninstalled',
      uninstalled_at: change.now,
      uninstall_reason: change.reason,
      data_delete_after: change.deleteAfter,
      updated_at: change.now,
    })
    .where('portal_id', '=', portalId)
    .where('status', '=', 'installed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
