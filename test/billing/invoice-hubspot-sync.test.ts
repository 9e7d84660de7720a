import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { rebuildContractPlan } from '../../src/modules/billing/contract-plan-service.ts';
import { reconcileHubSpotInvoices } from '../../src/modules/billing/invoice-hubspot-reconcile.ts';
import { syncInvoiceToHubSpot } from '../../src/modules/billing/invoice-hubspot-sync.ts';
import { listInvoices } from '../../src/modules/billing/invoice-queries.ts';
import { runInvoices } from '../../src/modules/billing/invoice-run.ts';
import { startSyncHarness, type SyncHarness } from '../sync/sync-harness.ts';
import { contractView, FakeContractSource, NOW, recordingEvents } from './billing-db-fixtures.ts';

describe('HubSpot invoices on the sandbox', () => {
  let harness: SyncHarness;
  let portalId: PortalId;
  let dealId: string;
  let companyId: string;
  let contactId: string;
  beforeAll(async () => {
    harness = await startSyncHarness();
    portalId = harness.portalId;
    const create = async (type: string, properties: Record<string, string>) =>
      (await harness.client.crm.objects.basicApi.create(type, { properties, associations: [] })).id;
    dealId = await create('deals', { dealname: 'Acme', pipeline: 'default', dealstage: 'closedwon' });
    companyId = await create('companies', { name: 'Acme Inc' });
    contactId = await create('contacts', { email: 'buyer@acme.example' });
    await harness.client.crm.associations.v4.basicApi.createDefault('deals', dealId, 'contacts', contactId);
  }, 120_000);
  afterAll(async () => harness.close());

  test('contract -> first invoice issued in advance -> created in HubSpot with deal, company, contact and line items, tracking-only -> paid in HubSpot -> paid here', async () => {
    const contracts = new FakeContractSource();
    contracts.put(contractView('c1', portalId, { dealId, companyId }));
    const events = recordingEvents();
    await rebuildContractPlan({ db: harness.database.db, contracts, now: () => NOW }, portalId, 'c1');
    await runInvoices({ db: harness.database.db, events, now: () => NOW }, { date: '2026-01-15', portalId });
    const [issued] = await listInvoices(harness.database.db, portalId, '2026-01-15', { statuses: ['issued'] });
    expect([issued?.number, issued?.total]).toEqual(['INV-2026-000001', '1000.00']);

    const deps = { db: harness.database.db, clientFor: () => harness.clients.forPortal(portalId) };
    const synced = await syncInvoiceToHubSpot(deps, portalId, Number(issued?.id));
    // Running the job again (a retried job) creates nothing new.
    expect(await syncInvoiceToHubSpot(deps, portalId, Number(issued?.id))).toEqual(synced);
    const hubspotId = synced?.hubspotInvoiceId ?? '';
    const invoices = harness.sandbox.state.listObjects('invoices').filter((record) => !record.archived);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.properties).toMatchObject({
      hs_number: 'INV-2026-000001',
      hs_currency: 'USD',
      hs_invoice_billable: 'false',
      hs_invoice_status: 'open',
      hs_invoice_date: '2026-01-15',
      hs_due_date: '2026-02-14',
    });
    const associated = async (toType: string) =>
      (await harness.client.crm.associations.v4.basicApi.getPage('invoices', hubspotId, toType)).results.map((r) => [
        String(r.toObjectId),
        r.associationTypes.map((type) => type.typeId),
      ]);
    expect(await associated('deals')).toEqual([[dealId, [175]]]);
    expect(await associated('companies')).toEqual([[companyId, [179]]]);
    expect(await associated('contacts')).toEqual([[contactId, [177]]]);
    const items = await associated('line_items');
    expect(items).toHaveLength(1);
    expect(items[0]?.[1]).toEqual([409]);

    // A user records the payment in HubSpot; the poll reconciliation marks our invoice paid.
    await fetch(`${harness.server.url}/__sandbox/objects/invoices/${hubspotId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { hs_invoice_status: 'paid' } }),
    });
    const reconcileDeps = { ...deps, events, now: () => NOW };
    expect(await reconcileHubSpotInvoices(reconcileDeps, portalId)).toEqual({ paid: 1, voided: 0 });
    expect(await reconcileHubSpotInvoices(reconcileDeps, portalId)).toEqual({ paid: 0, voided: 0 });
    const [paid] = await listInvoices(harness.database.db, portalId, '2026-01-20', { statuses: ['paid'] });
    expect([paid?.number, paid?.amountPaid, paid?.balanceDue]).toEqual(['INV-2026-000001', '1000.00', '0.00']);
    expect(events.events.map((entry) => entry.event)).toEqual(['invoice.issued', 'invoice.paid']);
  });
});
