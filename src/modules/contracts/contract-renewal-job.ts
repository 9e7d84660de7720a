import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { addDaysIso } from '../../kernel/calendar/calendar-date.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { readPricingCatalog } from '../catalog/index.ts';
import { readAccountPricing } from '../quotes/index.ts';
import { listInstalledPortalIds, recordAudit } from '../tenancy/index.ts';
import { readContractsAtEnd } from './contract-reader.ts';
import { contractSettingsRepository } from './contract-settings-repository.ts';
import type { ContractView } from './contract-view.ts';
import { CONTRACTS_ERROR_CODES } from './contracts-error-codes.ts';
import { priceRenewals } from './domain/renewal-pricing.ts';
import { RenewalRequestSchema } from './domain/renewal-request-schema.ts';
import { parseInput } from '../../kernel/errors/parse-input.ts';

export const RENEWAL_SCAN_QUEUE = 'contracts.renewal-scan';
/** Daily at 03:30 UTC (pg-boss cron). */
export const RENEWAL_SCAN_CRON = '30 3 * * *';

type Db = Kysely<DatabaseSchema>;

/** Contracts read per batch: keeps every `in (...)` list far below PostgreSQL's parameter limit. */
const BATCH = 1000;

/**
 * The daily renewal job (Salesforce CPQ help, "Renewal Quotes" / "Co-Termination"): per portal,
 * every active contract ending within the portal's lead days (default 90) gets a renewal record
 * priced by the same pure function as `cpq renew`; contracts sharing a renewal group renew into
 * one. Idempotent: a renewal is unique per (portal, group, start date), groups that already have
 * one are skipped before pricing, and the insert is ON CONFLICT DO NOTHING, so a re-run or a
 * killed-and-retried run creates nothing new.
 */
export async function runRenewalScan(db: Db, today: string): Promise<{ created: number; existing: number }> {
  const portals = await listInstalledPortalIds(db);
  let created = 0;
  let existing = 0;
  for (const portalId of portals) {
    const result = await scanPortal(db, portalId, today);
    created += result.created;
    existing += result.existing;
  }
  return { created, existing };
}

async function scanPortal(db: Db, portalId: PortalId, today: string): Promise<{ created: number; existing: number }> {
  const settings = await contractSettingsRepository.get(db, portalId);
  const cutoff = addDaysIso(today, settings.renewalLeadDays);
  const due = await db
    .selectFrom('contracts')
    .select(['id', 'end_date', 'renewal_group'])
    .where('portal_id', '=', portalId)
    .where('status', '=', 'active')
    .where('end_date', '<=', cutoff)
    .execute();
  const dueGroups = [...new Set(due.flatMap((c) => (c.renewal_group === null ? [] : [c.renewal_group])))];
  const groupMates =
    dueGroups.length === 0
      ? []
      : await db
          .selectFrom('contracts')
          .select(['id', 'end_date', 'renewal_group'])
          .where('portal_id', '=', portalId)
          .where('status', '=', 'active')
          .where('renewal_group', 'in', dueGroups)
          .execute();
  const groups = new Map<string, { id: string; endDate: string }[]>();
  for (const contract of [...due, ...groupMates]) {
    const key = contract.renewal_group === null ? `contract:${contract.id}` : `group:${contract.renewal_group}`;
    const members = groups.get(key) ?? [];
    if (!members.some((m) => m.id === contract.id)) members.push({ id: contract.id, endDate: contract.end_date });
    groups.set(key, members);
  }
  const done = new Set(
    (
      await db
        .selectFrom('contract_renewals')
        .select(['group_key', 'start_date'])
        .where('portal_id', '=', portalId)
        .execute()
    ).map((r) => `${r.group_key}|${r.start_date}`),
  );
  const pending = [...groups].filter(([key, members]) => !done.has(`${key}|${renewalStart(members)}`));
  let created = 0;
  for (let i = 0; i < pending.length; i += BATCH) {
    const batch = pending.slice(i, i + BATCH);
    const ids = batch.flatMap(([, members]) => members.map((m) => m.id));
    const views = new Map<string, ContractView>();
    // Quantities as of each contract's end: what is renewed is what is in force when it ends.
    for (const view of await readContractsAtEnd(db, portalId, ids)) views.set(view.id, view);
    for (const [key, members] of batch) {
      const contracts = members.flatMap((m) => views.get(m.id) ?? []);
      if (contracts.length === 0) continue;
      if (await createRenewal(db, portalId, key, contracts, settings.renewalTermMonths)) created += 1;
    }
  }
  return { created, existing: groups.size - pending.length };
}

function renewalStart(members: readonly { endDate: string }[]): string {
  const earliest = members.reduce((min, m) => (m.endDate < min ? m.endDate : min), '9999-12-31');
  return addDaysIso(earliest, 1);
}

async function createRenewal(
  db: Db,
  portalId: PortalId,
  groupKey: string,
  contracts: readonly ContractView[],
  renewalTermMonths: number,
): Promise<boolean> {
  const first = contracts[0];
  if (first === undefined) return false;
  const stored = await db
    .selectFrom('contracts')
    .select(['id', 'renewal_pricing', 'uplift_percent'])
    .where('portal_id', '=', portalId)
    .where(
      'id',
      'in',
      contracts.map((c) => c.id),
    )
    .execute();
  const method = new Map(stored.map((s) => [s.id, s]));
  const skus = contracts.flatMap((c) => c.lines.map((l) => l.sku));
  const catalog = await readPricingCatalog(db, portalId, skus);
  const account = first.companyId === null ? undefined : await readAccountPricing(db, portalId, first.companyId);
  const request = parseInput(
    RenewalRequestSchema,
    {
      currency: first.currency,
      catalog,
      ...(account
        ? {
            account: {
              contractedPrices: account.contractedPrices,
              partnerDiscountPercent: account.partnerDiscountPercent,
              distributorDiscountPercent: account.distributorDiscountPercent,
            },
          }
        : {}),
      renewalTermMonths: String(renewalTermMonths),
      contracts: contracts.map((contract) => ({
        id: contract.id,
        endDate: contract.endDate,
        renewalGroup: groupKey,
        renewalPricing: method.get(contract.id)?.renewal_pricing ?? 'same',
        upliftPercent: method.get(contract.id)?.uplift_percent ?? null,
        subscriptions: contract.lines
          .filter((line) => line.kind === 'subscription' && line.termMonths !== null)
          .map((line) => ({
            id: line.id,
            sku: line.sku,
            quantity: line.quantity,
            listUnitPrice: line.listUnitPrice,
            customerUnitPrice: line.customerUnitPrice,
            termMonths: line.termMonths,
          })),
      })),
    },
    CONTRACTS_ERROR_CODES.RENEWAL_REQUEST_INVALID,
  );
  const [renewal] = priceRenewals(request).renewals;
  if (renewal === undefined) return false;
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const inserted = await trx
      .insertInto('contract_renewals')
      .values({
        id,
        portal_id: portalId,
        group_key: groupKey,
        contract_ids: JSON.stringify(renewal.contractIds),
        start_date: renewal.startDate,
        end_date: renewal.endDate,
        priced: JSON.stringify(renewal.pricing),
        hubspot_deal_id: null,
      })
      .onConflict((oc) => oc.columns(['portal_id', 'group_key', 'start_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    await recordAudit(trx, portalId, {
      actorKind: 'system',
      action: 'contract.renewal-created',
      entityType: 'contract',
      entityId: first.id,
      details: { renewalId: id, contractIds: renewal.contractIds, startDate: renewal.startDate },
    });
    // TODO(quotes port): the renewal deal and renewal quote, through src/modules/quotes/index.ts.
    return true;
  });
}
