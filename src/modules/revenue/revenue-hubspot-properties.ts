import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { HubSpotApiError } from '../../integrations/hubspot/index.ts';
import { batchUpdate, chunk } from '../../integrations/hubspot/index.ts';
import type { HubSpotClients } from '../../integrations/hubspot/index.ts';
import type { HubSpotPortalClient } from '../../integrations/hubspot/index.ts';
import { revenuePosition } from './revenue-position.ts';

export const RECOGNIZED_PROPERTY = 'cpq_revenue_recognized_to_date';
export const DEFERRED_PROPERTY = 'cpq_deferred_revenue';

const OBJECT_TYPES = ['deals', 'companies'] as const;
type ObjectType = (typeof OBJECT_TYPES)[number];

/** 409 = an earlier run (or an admin) created it already (HubSpot "Properties API": create a property). */
async function createUnlessExists(client: HubSpotPortalClient, operation: string, path: string, body: object) {
  try {
    await client.request({ operation, method: 'POST', path, body, idempotent: true });
  } catch (error) {
    if (!(error instanceof HubSpotApiError && error.status === 409)) throw error;
  }
}

/** The `cpq` group and the two number properties on deals and companies. */
export async function ensureRevenueProperties(client: HubSpotPortalClient): Promise<void> {
  for (const objectType of OBJECT_TYPES) {
    await createUnlessExists(client, 'properties.groups.create', `/crm/v3/properties/${objectType}/groups`, {
      name: 'cpq',
      label: 'CPQ',
    });
    for (const [name, label] of [
      [RECOGNIZED_PROPERTY, 'Revenue recognized to date (CPQ)'],
      [DEFERRED_PROPERTY, 'Deferred revenue (CPQ)'],
    ] as const) {
      await createUnlessExists(client, 'properties.create', `/crm/v3/properties/${objectType}`, {
        name,
        label,
        groupName: 'cpq',
        type: 'number',
        fieldType: 'number',
      });
    }
  }
}

export interface RevenuePropertyTargets {
  dealIds: readonly string[];
  companyIds: readonly string[];
}

/**
 * Writes recognised-to-date and deferred revenue (as of `asOf`) to deals and companies, 100 per
 * batch call. Reads happen first, outside any transaction; HubSpot is called only afterwards, so
 * no database transaction waits on the network. A record with contracts in several currencies
 * shows its first currency in code order (HubSpot number properties carry no currency).
 * Idempotent: a rerun writes the same values.
 */
export async function pushRevenueProperties(
  deps: { db: Kysely<DatabaseSchema>; hubspot: HubSpotClients },
  portalId: PortalId,
  targets: RevenuePropertyTargets,
  asOf: string,
): Promise<{ deals: number; companies: number }> {
  const inputs: Record<ObjectType, Array<{ id: string; properties: Record<string, string> }>> = {
    deals: [],
    companies: [],
  };
  for (const [objectType, ids] of [
    ['deals', targets.dealIds],
    ['companies', targets.companyIds],
  ] as const) {
    for (const id of new Set(ids)) {
      const filter = objectType === 'deals' ? { dealId: id } : { companyId: id };
      const position = await revenuePosition(deps.db, portalId, filter, asOf);
      const first = position.currencies[0];
      if (!first) continue;
      inputs[objectType].push({
        id,
        properties: { [RECOGNIZED_PROPERTY]: first.recognizedToDate, [DEFERRED_PROPERTY]: first.deferred },
      });
    }
  }
  if (inputs.deals.length + inputs.companies.length === 0) return { deals: 0, companies: 0 };
  const client = deps.hubspot.forPortal(portalId);
  await ensureRevenueProperties(client);
  for (const objectType of OBJECT_TYPES) {
    for (const part of chunk(inputs[objectType], 100)) {
      const result = await batchUpdate(client, objectType, part);
      if (result.errors.length > 0) {
        throw new Error(`HubSpot refused revenue properties on ${objectType}: ${result.errors[0]?.message ?? ''}`);
      }
    }
  }
  return { deals: inputs.deals.length, companies: inputs.companies.length };
}

/** Every deal and company with a scheduled contract in the portal (the monthly refresh). */
export async function revenuePropertyTargets(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
): Promise<RevenuePropertyTargets> {
  const rows = await db
    .selectFrom('revenue_contracts')
    .select(['deal_id', 'company_id'])
    .where('portal_id', '=', portalId)
    .execute();
  return {
    dealIds: [...new Set(rows.map((r) => r.deal_id))],
    companyIds: [...new Set(rows.flatMap((r) => (r.company_id === null ? [] : [r.company_id])))],
  };
}
