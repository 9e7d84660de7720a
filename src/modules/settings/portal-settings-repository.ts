import type { Kysely } from 'kysely';
import {
  DEFAULT_PORTAL_SETTINGS,
  type PortalSettingsInput,
} from '../../../extensions/app/cards/api/settings-api-schemas.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';

export interface StoredPortalSettings {
  settings: PortalSettingsInput;
  updatedAt: Date | null;
}

/** portal_settings (migration 0009): one row per portal; no row = DEFAULT_PORTAL_SETTINGS. */
export const portalSettingsRepository = {
  async get(
    db: Kysely<DatabaseSchema>,
    portalId: PortalId,
    options: { lock?: boolean } = {},
  ): Promise<StoredPortalSettings> {
    let query = db.selectFrom('portal_settings').selectAll().where('portal_id', '=', portalId);
    if (options.lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) return { settings: DEFAULT_PORTAL_SETTINGS, updatedAt: null };
    return {
      settings: {
        roundingMode: row.rounding_mode,
        quoteExpiryDays: row.quote_expiry_days,
        allowedCurrencies: row.allowed_currencies,
      },
      updatedAt: row.updated_at,
    };
  },

  async put(
    db: Kysely<DatabaseSchema>,
    portalId: PortalId,
    settings: PortalSettingsInput,
    userId: number | null,
  ): Promise<Date> {
    const values = {
      rounding_mode: settings.roundingMode,
      quote_expiry_days: settings.quoteExpiryDays,
      allowed_currencies: JSON.stringify(settings.allowedCurrencies),
      updated_by: userId,
    };
    const row = await db
      .insertInto('portal_settings')
      .values({ portal_id: portalId, ...values })
      .onConflict((oc) => oc.column('portal_id').doUpdateSet({ ...values, updated_at: new Date() }))
      .returning('updated_at')
      .executeTakeFirstOrThrow();
    return row.updated_at;
  },
};
