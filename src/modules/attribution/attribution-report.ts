import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';
import { IsoDate, PositiveDecimalString } from '../../kernel/money/money-schemas.ts';
import { ATTRIBUTION_ERROR_CODES } from './attribution-error-codes.ts';
import { attributionRepository } from './attribution-repository.ts';
import type { TouchSource } from './attribution-tables.ts';
import { attribute, type AttributionResponse } from './domain/attribute-deals.ts';
import { ATTRIBUTION_MODELS, AttributionRequestSchema } from './domain/attribution-request-schema.ts';

export const ReportQuerySchema = z
  .strictObject({
    model: z.enum(ATTRIBUTION_MODELS).default('w-shaped'),
    from: IsoDate,
    to: IsoDate,
    halfLifeDays: PositiveDecimalString.optional(),
  })
  .refine((query) => query.from <= query.to, { path: ['to'], message: 'must not be before from' });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export interface AttributionReport extends AttributionResponse {
  from: string | null;
  to: string | null;
  /** Which touchpoint sources the report used, and what a marketer should know about them. */
  touchSources: TouchSource[];
  notes: string[];
}

function notesFor(sources: readonly TouchSource[]): string[] {
  const notes: string[] = [];
  if (sources.length === 0) notes.push('No touchpoints are stored for these deals yet: every deal is unattributed.');
  if (sources.includes('source-properties') && !sources.includes('campaigns')) {
    notes.push(
      "Touchpoints come from the contacts' source properties (original and latest source): the portal has no Marketing Hub campaigns access, so campaign influence is not used.",
    );
  }
  return notes;
}

/** The per-campaign report for deals won (or created, if not won yet) in [from, to]. */
export async function buildAttributionReport(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  query: ReportQuery,
): Promise<AttributionReport> {
  const { deals, sources } = await attributionRepository.dealsForPeriod(db, portalId, query);
  // Stored rows are outside input too: the engine only sees what its schema accepts.
  const request = parseInput(
    AttributionRequestSchema,
    { model: query.model, ...(query.halfLifeDays && { halfLifeDays: query.halfLifeDays }), deals },
    ATTRIBUTION_ERROR_CODES.storedDataInvalid,
  );
  return { ...attribute(request), from: query.from, to: query.to, touchSources: sources, notes: notesFor(sources) };
}

/** One deal's touch path with each touch's share (the deal card's "audit any number"). */
export async function buildDealAttribution(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  dealId: string,
  model: ReportQuery['model'],
): Promise<AttributionReport> {
  const { deals, sources } = await attributionRepository.dealsForPeriod(db, portalId, { dealId });
  const request = parseInput(AttributionRequestSchema, { model, deals }, ATTRIBUTION_ERROR_CODES.storedDataInvalid);
  return { ...attribute(request), from: null, to: null, touchSources: sources, notes: notesFor(sources) };
}

const CSV_COLUMNS = ['campaign', 'currency', 'deals', 'quoted', 'contracted', 'invoiced', 'collected'] as const;

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The per-campaign rows as CSV (one row per campaign and currency; the unattributed row has no campaign). */
export function reportToCsv(report: AttributionResponse): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of report.byCampaign) lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}
