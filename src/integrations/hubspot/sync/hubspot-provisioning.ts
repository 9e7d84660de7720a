import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../../kernel/db/db-schema.ts';
import type { PortalId } from '../../../kernel/db/portal-id.ts';
import { HubSpotApiError } from '../hubspot-api-error.ts';
import type { HubSpotPortalClient } from '../hubspot-portal-client.ts';

/** The app's property group and the properties it writes (reference §5: an app property group). */
export const APP_PROPERTY_GROUP = { name: 'cpq', label: 'CPQ' } as const;
export const CONTRACT_OBJECT_NAME = 'cpq_contract';

interface PropertySpec {
  name: string;
  label: string;
  type: 'string';
}

const text = (name: string, label: string): PropertySpec => ({ name, label, type: 'string' });

export const APP_PROPERTIES: Readonly<Record<'deals' | 'line_items' | 'quotes', readonly PropertySpec[]>> = {
  deals: [text('cpq_primary_quote_id', 'CPQ primary quote')],
  line_items: [
    text('cpq_sync_key', 'CPQ sync key'),
    text('cpq_quote_id', 'CPQ quote'),
    text('cpq_line_key', 'CPQ quote line'),
  ],
  quotes: [text('cpq_sync_key', 'CPQ sync key'), text('cpq_quote_id', 'CPQ quote')],
};

const ProvisioningReportSchema = z.object({
  steps: z.array(
    z.object({ step: z.string(), outcome: z.enum(['created', 'existed', 'skipped']), reason: z.string().optional() }),
  ),
});
export type ProvisioningReport = z.infer<typeof ProvisioningReportSchema>;
export type StepOutcome = ProvisioningReport['steps'][number]['outcome'];

/** What the sync may rely on after provisioning. */
export interface PortalCapabilities {
  /**
   * The `cpq_*` line item properties exist. Which scope lets an app create line item properties is
   * unverified (docs/hubspot-app.md: there may be no `crm.schemas.line_items.write`); where HubSpot
   * refuses them the sync still works from its stored mapping, without keys on the line items.
   */
  lineItemKeys: boolean;
}

const LINE_ITEM_PROPERTY_STEP = /^line_items\.(group|property)\./;

export function capabilitiesOf(report: ProvisioningReport): PortalCapabilities {
  return {
    lineItemKeys: !report.steps.some((step) => LINE_ITEM_PROPERTY_STEP.test(step.step) && step.outcome === 'skipped'),
  };
}

function isScopeRefusal(error: unknown): boolean {
  return error instanceof HubSpotApiError && error.status === 403;
}

/** 409 OBJECT_ALREADY_EXISTS means an earlier run (or an admin) made it: nothing to change. */
async function ensure(
  client: HubSpotPortalClient,
  operation: string,
  path: string,
  body: object,
): Promise<StepOutcome> {
  try {
    await client.request({ operation, method: 'POST', path, body, idempotent: true });
    return 'created';
  } catch (error) {
    if (error instanceof HubSpotApiError && error.status === 409) return 'existed';
    throw error;
  }
}

async function ensureContractObject(client: HubSpotPortalClient): Promise<{ outcome: StepOutcome; reason?: string }> {
  let list;
  try {
    list = await client.request({ operation: 'schemas.list', method: 'GET', path: '/crm-object-schemas/v3/schemas' });
  } catch (error) {
    // Custom object schemas are Enterprise-only (reference §5): elsewhere contracts stay in our
    // database and on deal properties.
    if (error instanceof HubSpotApiError && (error.status === 403 || error.status === 401)) {
      return { outcome: 'skipped', reason: `schemas API not allowed for this portal (${error.status})` };
    }
    throw error;
  }
  const results = (list.body as { results?: Array<{ name?: string }> } | undefined)?.results ?? [];
  if (results.some((schema) => schema.name === CONTRACT_OBJECT_NAME)) return { outcome: 'existed' };
  const outcome = await ensure(client, 'schemas.create', '/crm-object-schemas/v3/schemas', {
    name: CONTRACT_OBJECT_NAME,
    labels: { singular: 'Contract', plural: 'Contracts' },
    primaryDisplayProperty: 'cpq_contract_name',
    requiredProperties: ['cpq_contract_name'],
    searchableProperties: ['cpq_contract_name'],
    properties: [
      { name: 'cpq_contract_name', label: 'Contract name', type: 'string', fieldType: 'text' },
      { name: 'cpq_contract_id', label: 'CPQ contract id', type: 'string', fieldType: 'text', hasUniqueValue: true },
    ],
    associatedObjects: ['DEAL', 'COMPANY'],
  });
  return { outcome };
}

/**
 * Creates what the sync writes into: the app's property group and properties on deals, line items
 * and quotes, and the `contract` custom object where the portal allows schemas. Idempotent: a
 * second run creates nothing (every step answers "existed").
 */
export async function provisionPortal(client: HubSpotPortalClient): Promise<ProvisioningReport> {
  const steps: ProvisioningReport['steps'] = [];
  for (const [objectType, properties] of Object.entries(APP_PROPERTIES)) {
    try {
      await ensureObjectProperties(client, objectType, properties, steps);
    } catch (error) {
      // Deals and quotes are required scopes: a refusal there is a real failure. Line items degrade.
      if (objectType !== 'line_items' || !isScopeRefusal(error)) throw error;
      const reason = `HubSpot refused creating line item properties (403): ${error instanceof Error ? error.message.slice(0, 200) : ''}`;
      for (const property of properties)
        steps.push({ step: `line_items.property.${property.name}`, outcome: 'skipped', reason });
    }
  }
  const contract = await ensureContractObject(client);
  steps.push({ step: `schema.${CONTRACT_OBJECT_NAME}`, ...contract });
  return { steps };
}

async function ensureObjectProperties(
  client: HubSpotPortalClient,
  objectType: string,
  properties: readonly PropertySpec[],
  steps: ProvisioningReport['steps'],
): Promise<void> {
  const group = await ensure(
    client,
    `${objectType}.properties.groups.create`,
    `/crm/v3/properties/${objectType}/groups`,
    {
      name: APP_PROPERTY_GROUP.name,
      label: APP_PROPERTY_GROUP.label,
      displayOrder: -1,
    },
  );
  steps.push({ step: `${objectType}.group.${APP_PROPERTY_GROUP.name}`, outcome: group });
  for (const property of properties) {
    const outcome = await ensure(client, `${objectType}.properties.create`, `/crm/v3/properties/${objectType}`, {
      name: property.name,
      label: property.label,
      type: property.type,
      fieldType: 'text',
      groupName: APP_PROPERTY_GROUP.name,
    });
    steps.push({ step: `${objectType}.property.${property.name}`, outcome });
  }
}

export async function isProvisioned(db: Kysely<DatabaseSchema>, portalId: PortalId): Promise<boolean> {
  const row = await db
    .selectFrom('hubspot_provisioning')
    .select('status')
    .where('portal_id', '=', portalId)
    .executeTakeFirst();
  return row?.status === 'done';
}

export async function recordProvisioning(
  db: Kysely<DatabaseSchema>,
  portalId: PortalId,
  status: 'done' | 'failed',
  report: object,
): Promise<void> {
  const json = JSON.stringify(report);
  await db
    .insertInto('hubspot_provisioning')
    .values({ portal_id: portalId, status, report: json })
    .onConflict((oc) => oc.column('portal_id').doUpdateSet({ status, report: json, updated_at: new Date() }))
    .execute();
}

/**
 * Provisions when this portal has no successful run on record (the sync calls it before writing)
 * and answers what the sync may rely on.
 */
export async function ensureProvisioned(
  db: Kysely<DatabaseSchema>,
  client: HubSpotPortalClient,
): Promise<PortalCapabilities> {
  const row = await db
    .selectFrom('hubspot_provisioning')
    .select(['status', 'report'])
    .where('portal_id', '=', client.portalId)
    .executeTakeFirst();
  // A stored report we cannot read (older format) is treated as "not provisioned": provisioning is idempotent.
  const stored = row?.status === 'done' ? ProvisioningReportSchema.safeParse(row.report) : undefined;
  if (stored?.success) return capabilitiesOf(stored.data);
  const report = await provisionPortal(client);
  await recordProvisioning(db, client.portalId, 'done', report);
  return capabilitiesOf(report);
}
