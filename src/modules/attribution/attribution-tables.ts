import type { ColumnType } from 'kysely';
import type { UpdatedAt } from '../../kernel/db/column-types.ts';

/** Decimal columns (`numeric`) come back from both drivers as exact strings; writes take strings. */
type Numeric = ColumnType<string, string | undefined, string>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type OptionalInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Where a touchpoint came from (the report says which sources it used). */
export type TouchSource = 'campaigns' | 'source-properties' | 'import';

/** One interaction of a contact associated with a deal. */
export interface AttributionTouchpointsTable {
  portal_id: number;
  deal_id: string;
  touch_id: string;
  occurred_at: Instant;
  campaign: string;
  channel: string | null;
  contact_id: string | null;
  source: TouchSource;
  updated_at: UpdatedAt;
}

/**
 * What attribution needs of a deal: its key instants and the amounts the app produced (quoted,
 * contracted, invoiced, collected), kept current by jobs when those change.
 */
export interface AttributionDealsTable {
  portal_id: number;
  deal_id: string;
  currency: string;
  quoted: Numeric;
  contracted: Numeric;
  invoiced: Numeric;
  collected: Numeric;
  contact_created_at: OptionalInstant;
  deal_created_at: OptionalInstant;
  closed_won_at: OptionalInstant;
  updated_at: UpdatedAt;
}

export interface AttributionTables {
  attribution_touchpoints: AttributionTouchpointsTable;
  attribution_deals: AttributionDealsTable;
}

export const ATTRIBUTION_TENANT_TABLES = ['attribution_touchpoints', 'attribution_deals'] as const;

/** Every table this module owns (it alone writes them; test/architecture/table-ownership.test.ts). */
export const ATTRIBUTION_TABLES = ['attribution_touchpoints', 'attribution_deals'] as const;
