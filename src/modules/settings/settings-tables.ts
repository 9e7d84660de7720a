import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from '../../kernel/db/column-types.ts';

/** Per-portal quote settings (docs/pricing.md (money and rounding) rounding mode, §5 expiry days); one row per portal. */
export interface PortalSettingsTable {
  portal_id: number;
  rounding_mode: ColumnType<'half-up' | 'half-even', 'half-up' | 'half-even' | undefined, 'half-up' | 'half-even'>;
  quote_expiry_days: ColumnType<number, number | undefined, number>;
  allowed_currencies: Json<string[]>;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SettingsTables {
  portal_settings: PortalSettingsTable;
}

/** Every table this module owns (and so may write). */
export const SETTINGS_TABLES = ['portal_settings'] as const satisfies readonly (keyof SettingsTables)[];

export const SETTINGS_TENANT_TABLES = ['portal_settings'] as const;
