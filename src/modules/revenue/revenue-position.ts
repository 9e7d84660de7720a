import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { minorUnitsOf } from '../../kernel/money/currency-minor-units.ts';
import { parseDecimal } from '../../kernel/money/money.ts';
import { formatMinorUnits, toMinorUnits } from '../../kernel/money/rounding.ts';
import { closedPeriodAsOf } from './domain/revenue-waterfall.ts';
import { revenueReportRepository } from './revenue-report-repository.ts';

export interface RevenuePosition {
  asOf: string;
  /** Last month counted as recognised (months are recognised once over). */
  throughPeriod: string;
  currencies: Array<{ currency: string; contractValue: string; recognizedToDate: string; deferred: string }>;
}

/**
 * Recognised to date vs deferred for a deal's (or company's) contracts as of a date: recognised =
 * scheduled revenue of the months ended by then; deferred = contract value not yet recognised.
 */
export async function revenuePosition(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  filter: { dealId?: string; companyId?: string },
  asOf: string,
): Promise<RevenuePosition> {
  const throughPeriod = closedPeriodAsOf(asOf);
  const { recognized, totals } = await revenueReportRepository.positionOf(db, portalId, filter, throughPeriod);
  return {
    asOf,
    throughPeriod,
    currencies: totals
      .map((total) => {
        const minorUnits = minorUnitsOf(total.currency);
        const minor = (text: string | null | undefined) =>
          text === null || text === undefined ? 0n : toMinorUnits(parseDecimal(text), minorUnits, 'half-up');
        const value = minor(total.total);
        const earned = minor(recognized.find((r) => r.currency === total.currency)?.recognized);
        return {
          currency: total.currency,
          contractValue: formatMinorUnits(value, minorUnits),
          recognizedToDate: formatMinorUnits(earned, minorUnits),
          deferred: formatMinorUnits(value - earned, minorUnits),
        };
      })
      .sort((a, b) => (a.currency < b.currency ? -1 : 1)),
  };
}
