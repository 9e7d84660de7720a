import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';

export interface ContractSettings {
  /** Contract when the deal enters closed-won with a primary quote, without waiting for acceptance. */
  contractOnClosedWon: boolean;
  /** Renewal records are created this many days before a contract (or group) ends. */
  renewalLeadDays: number;
  renewalTermMonths: number;
}

export const DEFAULT_CONTRACT_SETTINGS: ContractSettings = {
  contractOnClosedWon: false,
  renewalLeadDays: 90,
  renewalTermMonths: 12,
};

/** Per-portal contract settings; no row = the defaults. */
export const contractSettingsRepository = {
  async get(db: Kysely<DatabaseSchema>, portalId: PortalId): Promise<ContractSettings> {
    const row = await db
      .selectFrom('contract_settings')
      .selectAll()
      .where('portal_id', '=', portalId)
      .executeTakeFirst();
    if (!row) return DEFAULT_CONTRACT_SETTINGS;
    return {
      contractOnClosedWon: row.contract_on_closed_won,
      renewalLeadDays: row.renewal_lead_days,
      renewalTermMonths: row.renewal_term_months,
    };
  },

  async put(db: Kysely<DatabaseSchema>, portalId: PortalId, settings: ContractSettings): Promise<void> {
    const values = {
      contract_on_closed_won: settings.contractOnClosedWon,
      renewal_lead_days: settings.renewalLeadDays,
      renewal_term_months: settings.renewalTermMonths,
    };
    await db
      .insertInto('contract_settings')
      .values({ portal_id: portalId, ...values })
      .onConflict((oc) => oc.column('portal_id').doUpdateSet({ ...values, updated_at: new Date() }))
      .execute();
  },
};
