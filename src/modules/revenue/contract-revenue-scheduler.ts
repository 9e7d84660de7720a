import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import { minorUnitsOf } from '../../kernel/money/currency-minor-units.ts';
import { Decimal, formatDecimal, parseDecimal } from '../../kernel/money/money.ts';
import { formatMinorUnits, toMinorUnits } from '../../kernel/money/rounding.ts';
import type { ContractView } from '../contracts/index.ts';
import { recordAudit } from '../tenancy/index.ts';
import { planAtInception, planModification, type PlanOptions } from './domain/contract-revenue-plan.ts';
import { resolveUnitSsp } from './domain/ssp-resolution.ts';
import { revenueScheduleRepository as repo } from './revenue-schedule-repository.ts';
import { sspRuleRepository } from './ssp-rule-repository.ts';

/** How revenue reads a contract (the contracts module's reader; tests pass a fake). */
export interface ContractReader {
  get(portalId: PortalId, contractId: string): Promise<ContractView | null | undefined>;
}

/** Category per SKU from the catalog (null = uncategorised or unknown product). */
export type ProductCategoryLookup = (
  portalId: PortalId,
  skus: readonly string[],
) => Promise<Map<string, string | null>>;

export interface ContractRevenueDeps {
  db: Kysely<DatabaseSchema>;
  contracts: ContractReader;
  categories: ProductCategoryLookup;
  now: () => number;
  options?: PlanOptions;
  /** Called inside the writing transaction (outbox), e.g. to queue the HubSpot property update. */
  onScheduled?: (trx: Kysely<DatabaseSchema>, contract: ContractView) => Promise<void>;
}

export type ScheduleOutcome = 'scheduled' | 'modified' | 'unchanged';

const DEFAULT_OPTIONS: PlanOptions = { method: 'daily', roundingMode: 'half-up' };

/** `YYYY-MM` of the clock's UTC day (the month still open for bookings). */
function currentPeriod(now: number): string {
  return new Date(now).toISOString().slice(0, 7);
}

/** The contract counts in deferred balances from its start or its creation, whichever is earlier. */
function inceptionPeriod(contract: ContractView): string {
  const start = contract.startDate.slice(0, 7);
  const created = contract.createdAt.slice(0, 7);
  return created < start ? created : start;
}

/**
 * Computes and stores a contract's revenue schedule (`contract.created`) or applies an amendment
 * prospectively (`contract.amended`). Idempotent: the stored contract version says what was
 * applied, so a repeated or re-delivered job finds nothing to do; an interrupted job rolled back
 * and computes the same rows again. The modification's cutoff is the month the amendment takes
 * effect, never a month already past when it is processed (closed months are not reopened).
 */
export async function scheduleContractRevenue(
  deps: ContractRevenueDeps,
  event: { portalId: PortalId; contractId: string; amendmentQuoteId?: string },
): Promise<ScheduleOutcome> {
  const { db, portalId } = { db: deps.db, portalId: event.portalId };
  const contract = await deps.contracts.get(portalId, event.contractId);
  if (!contract) {
    throw new AppError('not-found', 'REVENUE_CONTRACT_NOT_FOUND', `Contract ${event.contractId} not found`);
  }
  const stored = await repo.getContract(db, portalId, contract.id);
  if (stored && stored.contract_version >= contract.version) return 'unchanged';
  const rules = await sspRuleRepository.list(db, portalId);
  const categories = await deps.categories(
    portalId,
    contract.lines.map((line) => line.sku),
  );
  const options = deps.options ?? DEFAULT_OPTIONS;
  const minorUnits = minorUnitsOf(contract.currency);

  return db.transaction().execute(async (trx) => {
    const current = await repo.getContract(trx, portalId, contract.id, { lock: true });
    if (current && current.contract_version >= contract.version) return 'unchanged';
    const snapshots = new Map((await repo.contractLines(trx, portalId, contract.id)).map((l) => [l.line_id, l]));
    const ssps = new Map<string, { unitSsp: Decimal; source: string }>();
    for (const line of contract.lines) {
      const snapshot = snapshots.get(line.id);
      ssps.set(
        line.id,
        snapshot
          ? { unitSsp: parseDecimal(snapshot.unit_ssp), source: snapshot.ssp_source }
          : resolveUnitSsp(rules, { ...line, category: categories.get(line.sku) ?? null }, contract.currency),
      );
    }
    const unitSsps = new Map([...ssps].map(([id, ssp]) => [id, ssp.unitSsp]));
    const planOptions = current ? { method: current.method, roundingMode: current.rounding_mode } : options;

    let cutoff: string | null = null;
    let plan;
    if (!current) {
      plan = planAtInception(contract, unitSsps, planOptions);
    } else {
      const starts = contract.lines
        .flatMap((line) => line.segments)
        .filter((segment) => segment.sourceQuoteId === event.amendmentQuoteId)
        .map((segment) => segment.startDate.slice(0, 7));
      const effective = starts.length > 0 ? starts.reduce((a, b) => (a < b ? a : b)) : currentPeriod(deps.now());
      cutoff = effective > currentPeriod(deps.now()) ? effective : currentPeriod(deps.now());
      const frozenRows = await repo.frozenByLine(trx, portalId, contract.id, cutoff);
      const frozen = new Map(
        frozenRows.map((row) => [
          row.line_id,
          toMinorUnits(parseDecimal(row.amount), minorUnits, planOptions.roundingMode),
        ]),
      );
      plan = planModification(contract, unitSsps, frozen, cutoff, planOptions);
    }

    await repo.deleteRows(trx, portalId, contract.id, cutoff);
    await repo.insertRows(
      trx,
      portalId,
      plan.lines.flatMap((line) =>
        line.rows.map((row) => ({
          contractId: contract.id,
          lineId: line.lineId,
          period: row.period,
          amount: formatMinorUnits(row.minor, minorUnits),
        })),
      ),
    );
    await repo.upsertContractLines(
      trx,
      portalId,
      contract.id,
      plan.lines.map((line) => {
        const ssp = ssps.get(line.lineId);
        return {
          lineId: line.lineId,
          sku: contract.lines.find((l) => l.id === line.lineId)?.sku ?? '',
          unitSsp: formatDecimal(ssp?.unitSsp ?? new Decimal(0)),
          sspSource: ssp?.source ?? 'net-price-default',
          allocated: formatMinorUnits(line.allocated, minorUnits),
        };
      }),
    );
    const transactionPrice = formatMinorUnits(plan.transactionPrice, minorUnits);
    await repo.upsertContract(trx, {
      portal_id: portalId,
      contract_id: contract.id,
      contract_version: contract.version,
      deal_id: contract.dealId,
      company_id: contract.companyId,
      currency: contract.currency,
      method: planOptions.method,
      rounding_mode: planOptions.roundingMode,
      transaction_price: transactionPrice,
      inception_period: current?.inception_period ?? inceptionPeriod(contract),
    });
    await recordAudit(trx, portalId, {
      actorKind: 'system',
      action: current ? 'revenue.schedule-modified' : 'revenue.scheduled',
      entityType: 'contract',
      entityId: contract.id,
      details: { version: contract.version, transactionPrice, cutoffPeriod: cutoff },
    });
    await deps.onScheduled?.(trx, contract);
    return current ? 'modified' : 'scheduled';
  });
}
