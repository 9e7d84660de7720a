import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/models/AssociationSpec.js';
import { syncQuote } from '../../src/integrations/hubspot/sync/quote-sync-engine.ts';
import {
  associatedIds,
  createDealAndContact,
  liveRecords,
  snapshot,
  startSyncHarness,
  type SyncHarness,
} from './sync-harness.ts';

let harness: SyncHarness;
afterEach(async () => harness.close());

describe('HubSpot quote recipients', () => {
  test('a quote that names no contacts goes to the deal contacts (69) and its company (71), and keeps them on update', async () => {
    harness = await startSyncHarness();
    const { dealId, contactId } = await createDealAndContact(harness);
    const company = await harness.client.crm.companies.basicApi.create({
      properties: { name: 'Acme Inc' },
      associations: [],
    });
    // HubSpot default deal -> contact association (type 3).
    await harness.client.crm.associations.v4.basicApi.create('deals', dealId, 'contacts', contactId, [
      { associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 3 },
    ]);
    harness.source.put(snapshot(harness.portalId, dealId, { contactIds: [], companyIds: [company.id] }));

    expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('synced');

    const [quote] = liveRecords(harness, 'quotes');
    const quoteId = quote?.id ?? '';
    expect(await associatedIds(harness, 'quotes', quoteId, 'contacts')).toEqual([{ id: contactId, typeIds: [69] }]);
    expect(await associatedIds(harness, 'quotes', quoteId, 'companies')).toEqual([{ id: company.id, typeIds: [71] }]);

    harness.source.put(
      snapshot(harness.portalId, dealId, {
        revision: 2,
        title: 'Acme, revised',
        contactIds: [],
        companyIds: [company.id],
      }),
    );
    expect(await syncQuote(harness.deps, { portalId: harness.portalId, quoteId: 'q-1' })).toBe('synced');
    expect(await associatedIds(harness, 'quotes', quoteId, 'contacts')).toEqual([{ id: contactId, typeIds: [69] }]);
  });
});
