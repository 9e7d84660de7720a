import type { Kysely } from 'kysely';
import { z } from 'zod';
import { associationsBatchCreate, batchCreate, batchRead, batchUpdate } from '../../integrations/hubspot/index.ts';
import type { HubSpotPortalClient } from '../../integrations/hubspot/index.ts';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { billingSettingsRepository } from './billing-settings-repository.ts';
import { InvoiceLinesJson } from './domain/invoice-records.ts';

/** HubSpot association type ids ("Associations v4: association type id values"). */
export const INVOICE_TO_DEAL = 175;
export const INVOICE_TO_CONTACT = 177;
export const INVOICE_TO_COMPANY = 179;
export const INVOICE_TO_LINE_ITEM = 409;

export interface InvoiceSyncDeps {
  db: Kysely<DatabaseSchema>;
  clientFor(portalId: PortalId): HubSpotPortalClient;
}

const SearchAnswer = z.object({ results: z.array(z.object({ id: z.string() })).default([]) });
const AssociationsAnswer = z.object({
  results: z.array(z.object({ toObjectId: z.union([z.string(), z.number()]) })).default([]),
});

/**
 * Creates an issued invoice in HubSpot (`crm.objects.invoices.write`), after the issuing
 * transaction committed (an `invoice.issued` job; never inside a transaction). Tracking-only by
 * default (`hs_invoice_billable=false`: HubSpot records it, we collect); billable when the portal's
 * setting says HubSpot payments collect it. Associated with the deal (175), company (179), the deal's
 * first contact (177) and its own line items (409), then `open` (HubSpot needs a contact and a line
 * item for that). Idempotent: an invoice already created (found by `hs_number`) is reused and line
 * items are created only when the invoice has none.
 */
export async function syncInvoiceToHubSpot(
  deps: InvoiceSyncDeps,
  portalId: PortalId,
  invoiceId: number,
): Promise<{ hubspotInvoiceId: string } | null> {
  const invoice = await deps.db
    .selectFrom('invoices')
    .selectAll()
    .where('portal_id', '=', portalId)
    .where('id', '=', invoiceId)
    .executeTakeFirst();
  if (!invoice || invoice.status === 'planned' || invoice.number === null) return null;
  const contract = await deps.db
    .selectFrom('billing_contracts')
    .select(['deal_id', 'company_id'])
    .where('portal_id', '=', portalId)
    .where('contract_id', '=', invoice.contract_id)
    .executeTakeFirst();
  const settings = await billingSettingsRepository.get(deps.db, portalId);
  const client = deps.clientFor(portalId);

  let hubspotId = invoice.hubspot_invoice_id ?? (await findByNumber(client, invoice.number));
  if (hubspotId === null) {
    const created = await batchCreate(client, 'invoices', [
      {
        properties: {
          hs_number: invoice.number,
          hs_currency: invoice.currency,
          hs_invoice_date: invoice.invoice_date,
          hs_due_date: invoice.due_date,
          hs_invoice_billable: String(settings.hubspotBillable),
          hs_invoice_status: 'draft',
        },
      },
    ]);
    hubspotId = created.results[0]?.id ?? null;
    if (hubspotId === null)
      throw new Error(`HubSpot did not create invoice ${invoice.number}: ${created.errors[0]?.message ?? ''}`);
  }
  await deps.db
    .updateTable('invoices')
    .set({ hubspot_invoice_id: hubspotId })
    .where('portal_id', '=', portalId)
    .where('id', '=', invoiceId)
    .execute();

  const existingItems = await associatedIds(client, 'invoices', hubspotId, 'line_items');
  let lineItemIds = existingItems;
  if (existingItems.length === 0) {
    const lines = InvoiceLinesJson.parse(invoice.lines).filter((line) => !line.amount.startsWith('-'));
    const created = await batchCreate(
      client,
      'line_items',
      lines.map((line) => ({
        properties: {
          name: `${line.sku ?? line.lineId} ${line.periodStart}..${line.periodEnd}`,
          quantity: '1',
          price: line.amount,
          hs_line_item_currency_code: invoice.currency,
        },
      })),
    );
    lineItemIds = created.results.map((record) => record.id);
  }
  const contactId = contract ? (await associatedIds(client, 'deals', contract.deal_id, 'contacts'))[0] : undefined;
  const links: Array<{ toType: string; toId: string; typeId: number }> = [
    ...(contract ? [{ toType: 'deals', toId: contract.deal_id, typeId: INVOICE_TO_DEAL }] : []),
    ...(contract?.company_id ? [{ toType: 'companies', toId: contract.company_id, typeId: INVOICE_TO_COMPANY }] : []),
    ...(contactId ? [{ toType: 'contacts', toId: contactId, typeId: INVOICE_TO_CONTACT }] : []),
    ...lineItemIds.map((toId) => ({ toType: 'line_items', toId, typeId: INVOICE_TO_LINE_ITEM })),
  ];
  for (const toType of [...new Set(links.map((link) => link.toType))]) {
    const inputs = links
      .filter((link) => link.toType === toType)
      .map((link) => ({ fromId: hubspotId, toId: link.toId, typeId: link.typeId }));
    await associationsBatchCreate(client, 'invoices', toType, inputs);
  }
  if (contactId && lineItemIds.length > 0 && invoice.status === 'issued') {
    await batchUpdate(client, 'invoices', [{ id: hubspotId, properties: { hs_invoice_status: 'open' } }]);
  }
  return { hubspotInvoiceId: hubspotId };
}

async function findByNumber(client: HubSpotPortalClient, number: string): Promise<string | null> {
  const response = await client.request({
    operation: 'invoices.search',
    method: 'POST',
    path: '/crm/v3/objects/invoices/search',
    lane: 'search',
    body: {
      filterGroups: [{ filters: [{ propertyName: 'hs_number', operator: 'EQ', value: number }] }],
      properties: ['hs_number'],
      limit: 1,
    },
  });
  return SearchAnswer.parse(response.body).results[0]?.id ?? null;
}

async function associatedIds(
  client: HubSpotPortalClient,
  fromType: string,
  fromId: string,
  toType: string,
): Promise<string[]> {
  const response = await client.request({
    operation: `${fromType}.associations.${toType}`,
    method: 'GET',
    path: `/crm/v4/objects/${fromType}/${fromId}/associations/${toType}`,
  });
  return AssociationsAnswer.parse(response.body).results.map((result) => String(result.toObjectId));
}

/**
 * Poll reconciliation of `hs_invoice_status` (the webhook's safety net): reads the portal's synced,
 * open invoices in batches of 100 and reports those HubSpot marks `paid` or `voided`. Payments cannot
 * be recorded through HubSpot's API, so a HubSpot-side `paid` is the one way HubSpot payments reach us.
 */
export async function readHubSpotInvoiceStatuses(
  deps: InvoiceSyncDeps,
  portalId: PortalId,
): Promise<Array<{ invoiceId: number; number: string; status: 'paid' | 'voided' }>> {
  const open = await deps.db
    .selectFrom('invoices')
    .select(['id', 'number', 'hubspot_invoice_id'])
    .where('portal_id', '=', portalId)
    .where('status', '=', 'issued')
    .where('hubspot_invoice_id', 'is not', null)
    .execute();
  const byHubSpotId = new Map(open.map((row) => [row.hubspot_invoice_id ?? '', row]));
  const read = await batchRead(deps.clientFor(portalId), 'invoices', [...byHubSpotId.keys()], ['hs_invoice_status']);
  return read.results.flatMap((record) => {
    const row = byHubSpotId.get(record.id);
    const status = record.properties.hs_invoice_status;
    if (!row?.number || (status !== 'paid' && status !== 'voided')) return [];
    return [{ invoiceId: Number(row.id), number: row.number, status }];
  });
}
