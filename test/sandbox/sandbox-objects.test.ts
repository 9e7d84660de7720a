import { AssociationTypes } from '@hubspot/api-client';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { ManualClock } from '../../tools/hubspot-sandbox/sandbox-clock.ts';
import { apiError, asRecord, startSandbox, type Harness } from './sandbox-harness.ts';

const HUBSPOT_DEFINED = AssociationSpecAssociationCategoryEnum.HubspotDefined;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('sandbox CRM v3 objects (real @hubspot/api-client over HTTP)', () => {
  let h: Harness;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 2, 1, 9));
    h = await startSandbox({ clock });
  });
  afterEach(async () => {
    await h.close();
  });

  test('seeded demo data: deals in the default pipeline incl. closedwon/closedlost, products with hs_sku and price', async () => {
    const deals = await h.client.crm.deals.basicApi.getPage(100);
    const stages = deals.results.map((deal) => deal.properties.dealstage);
    expect(stages).toEqual(expect.arrayContaining(['closedwon', 'closedlost']));
    expect(new Set(deals.results.map((deal) => deal.properties.pipeline))).toEqual(new Set(['default']));
    const products = await h.client.crm.products.basicApi.getPage(100, undefined, ['hs_sku', 'price']);
    const laptop = products.results.find((product) => product.properties.hs_sku === 'LAPTOP');
    expect(laptop?.properties.price).toBe('1200');
    expect((await h.client.crm.contacts.basicApi.getPage(100)).results.length).toBeGreaterThanOrEqual(5);
  });

  test('create returns HubSpot record shape: string id, ISO timestamps, hs_object_id / hs_createdate / hs_lastmodifieddate', async () => {
    const created = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'Sandbox deal', amount: '1500.50' },
      associations: [],
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.archived).toBe(false);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.properties.hs_object_id).toBe(created.id);
    expect(created.properties.hs_createdate).toMatch(ISO_MS);
    expect(created.properties.hs_lastmodifieddate).toMatch(ISO_MS);
    expect(created.properties.amount).toBe('1500.50');
    // HubSpot puts a deal without pipeline/stage into the default pipeline's first stage.
    expect(created.properties.pipeline).toBe('default');
    expect(created.properties.dealstage).toBe('appointmentscheduled');

    const raw = await h.http('GET', `/crm/v3/objects/deals/${created.id}?properties=dealname,nonexistent_prop`);
    expect(raw.status).toBe(200);
    const body = asRecord(raw.body);
    expect(Object.keys(body).sort()).toEqual(['archived', 'createdAt', 'id', 'properties', 'updatedAt']);
    expect(body.createdAt).toMatch(ISO_MS);
    expect(body.properties).toEqual({ dealname: 'Sandbox deal' });
  });

  test('get without properties returns the default property set with unset defaults as null', async () => {
    const created = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'Defaults' },
      associations: [],
    });
    const fetched = await h.client.crm.deals.basicApi.getById(created.id);
    expect(fetched.properties).toMatchObject({ dealname: 'Defaults', amount: null, hs_object_id: created.id });
    expect(fetched.properties).not.toHaveProperty('description');
  });

  test('PATCH updates values and hs_lastmodifieddate; "" clears a value', async () => {
    const created = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'Before', amount: '10' },
      associations: [],
    });
    clock.advance(60_000);
    const updated = await h.client.crm.deals.basicApi.update(created.id, {
      properties: { dealname: 'After', amount: '' },
    });
    expect(updated.properties.dealname).toBe('After');
    expect(updated.properties.hs_lastmodifieddate).toBe('2026-03-01T09:01:00.000Z');
    expect(updated.properties.hs_createdate).toBe('2026-03-01T09:00:00.000Z');
    expect(updated.updatedAt.toISOString()).toBe('2026-03-01T09:01:00.000Z');
    const fetched = await h.client.crm.deals.basicApi.getById(created.id, ['dealname', 'amount']);
    expect(fetched.properties).toEqual({ dealname: 'After', amount: null });
  });

  test('DELETE archives: 404 afterwards, visible with archived=true, 204 even for unknown ids', async () => {
    const created = await h.client.crm.companies.basicApi.create({
      properties: { name: 'Gone Inc' },
      associations: [],
    });
    await h.client.crm.companies.basicApi.archive(created.id);
    const missing = await apiError(h.client.crm.companies.basicApi.getById(created.id));
    expect(missing.code).toBe(404);
    expect(missing.body).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      message: 'Object not found.  objectId are usually numeric.',
    });
    const archived = await h.client.crm.companies.basicApi.getById(created.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect((await h.http('DELETE', '/crm/v3/objects/companies/987654321')).status).toBe(204);
  });

  test('objectType is accepted by name or by objectTypeId (0-3 = deals)', async () => {
    const byId = await h.client.crm.objects.basicApi.create('0-3', {
      properties: { dealname: 'By type id' },
      associations: [],
    });
    const byName = await h.client.crm.objects.basicApi.getById('deals', byId.id, ['dealname']);
    expect(byName.properties.dealname).toBe('By type id');
    const unknown = await apiError(h.client.crm.objects.basicApi.getPage('widgets'));
    expect(unknown.code).toBe(400);
    expect(unknown.body.message).toBe('Unable to infer object type from: widgets');
  });

  test('get by unique idProperty (products.hs_sku); a non-unique idProperty is a 400', async () => {
    const dock = await h.client.crm.products.basicApi.getById(
      'DOCK',
      ['name', 'price'],
      undefined,
      undefined,
      false,
      'hs_sku',
    );
    expect(dock.properties).toMatchObject({ name: 'USB-C Dock', price: '150' });
    const notUnique = await apiError(
      h.client.crm.products.basicApi.getById('Laptop Pro 14', undefined, undefined, undefined, false, 'name'),
    );
    expect(notUnique.code).toBe(400);
  });

  test('list pages with limit/after until paging disappears', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await h.client.crm.contacts.basicApi.getPage(2, after);
      expect(page.results.length).toBeLessThanOrEqual(2);
      seen.push(...page.results.map((contact) => contact.id));
      after = page.paging?.next?.after;
    } while (after !== undefined);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(h.sandbox.state.listObjects('contacts').map((contact) => contact.id));
    expect((await h.http('GET', '/crm/v3/objects/contacts?limit=101')).status).toBe(400);
  });

  test('invalid property values answer HubSpot VALIDATION_ERROR with per-property errors', async () => {
    const error = await apiError(
      h.client.crm.deals.basicApi.create({
        properties: { dealname: 'x', amount: 'ten', nope: '1', dealstage: 'not-a-stage' },
        associations: [],
      }),
    );
    expect(error.code).toBe(400);
    expect(error.body.category).toBe('VALIDATION_ERROR');
    expect(String(error.body.message)).toMatch(/^Property values were not valid: \[/);
    const codes = (error.body.errors as Array<{ code: string }>).map((detail) => detail.code).sort();
    expect(codes).toEqual(['INVALID_INTEGER', 'INVALID_OPTION', 'PROPERTY_DOESNT_EXIST']);
  });

  test('read-only properties (hs_object_id) cannot be written', async () => {
    const error = await apiError(
      h.client.crm.deals.basicApi.create({ properties: { hs_object_id: '5' }, associations: [] }),
    );
    expect(error.code).toBe(400);
    expect((error.body.errors as Array<{ code: string }>)[0]?.code).toBe('READ_ONLY_VALUE');
  });

  test('quotes need hs_title and hs_expiration_date and start as DRAFT; date properties read back as YYYY-MM-DD', async () => {
    const missing = await apiError(
      h.client.crm.quotes.basicApi.create({ properties: { hs_title: 'Q' }, associations: [] }),
    );
    expect(missing.code).toBe(400);
    expect(String(missing.body.message)).toContain('hs_expiration_date');
    const quote = await h.client.crm.quotes.basicApi.create({
      properties: { hs_title: 'Q-1', hs_expiration_date: String(Date.UTC(2026, 5, 30)) },
      associations: [],
    });
    expect(quote.properties.hs_status).toBe('DRAFT');
    expect(quote.properties.hs_expiration_date).toBe('2026-06-30');
    const notMidnight = await apiError(
      h.client.crm.quotes.basicApi.create({
        properties: { hs_title: 'Q', hs_expiration_date: String(Date.UTC(2026, 5, 30, 10)) },
        associations: [],
      }),
    );
    expect((notMidnight.body.errors as Array<{ code: string }>)[0]?.code).toBe('INVALID_DATE');
  });

  test('line items: amount is calculated from quantity, price and discounts; negative price is refused', async () => {
    const item = await h.client.crm.lineItems.basicApi.create({
      properties: { name: 'Seat', quantity: '3', price: '100', hs_discount_percentage: '10' },
      associations: [],
    });
    expect(item.properties.amount).toBe('270');
    const negative = await apiError(
      h.client.crm.lineItems.basicApi.create({ properties: { name: 'x', price: '-1' }, associations: [] }),
    );
    expect(negative.code).toBe(400);
  });

  test('invoices: hs_currency required; open needs a contact and a line item; only HubSpot (not the API) records payment', async () => {
    expect(
      (await apiError(h.client.crm.objects.basicApi.create('invoices', { properties: {}, associations: [] }))).code,
    ).toBe(400);
    const invoice = await h.client.crm.objects.basicApi.create('invoices', {
      properties: { hs_currency: 'USD' },
      associations: [],
    });
    expect(invoice.properties.hs_invoice_status).toBe('draft');
    const openTooEarly = await apiError(
      h.client.crm.objects.basicApi.update('invoices', invoice.id, { properties: { hs_invoice_status: 'open' } }),
    );
    expect(openTooEarly.code).toBe(400);
    const contact = h.sandbox.state.listObjects('contacts')[0]?.id ?? '';
    const item = await h.client.crm.lineItems.basicApi.create({
      properties: { name: 'Seat', price: '10', quantity: '1' },
      associations: [],
    });
    await h.client.crm.associations.v4.basicApi.createDefault('invoices', invoice.id, 'contacts', contact);
    await h.client.crm.associations.v4.basicApi.createDefault('invoices', invoice.id, 'line_items', item.id);
    const opened = await h.client.crm.objects.basicApi.update('invoices', invoice.id, {
      properties: { hs_invoice_status: 'open' },
    });
    expect(opened.properties.hs_invoice_status).toBe('open');
    const paidByApi = await apiError(
      h.client.crm.objects.basicApi.update('invoices', invoice.id, { properties: { hs_invoice_status: 'paid' } }),
    );
    expect(paidByApi.code).toBe(400);
    const paidInHubSpot = await h.http('PATCH', `/__sandbox/objects/invoices/${invoice.id}`, {
      token: null,
      body: { properties: { hs_invoice_status: 'paid' } },
    });
    expect(asRecord(asRecord(paidInHubSpot.body).properties).hs_invoice_status).toBe('paid');
  });

  test('create with inline associations uses the type id to find the target (line item -> deal 20)', async () => {
    const deal = await h.client.crm.deals.basicApi.create({ properties: { dealname: 'With items' }, associations: [] });
    const item = await h.client.crm.lineItems.basicApi.create({
      properties: { name: 'Dock', price: '150', quantity: '1' },
      associations: [
        {
          to: { id: deal.id },
          types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: AssociationTypes.lineItemToDeal }],
        },
      ],
    });
    const fromDeal = await h.client.crm.associations.v4.basicApi.getPage('deals', deal.id, 'line_items');
    expect(
      fromDeal.results.map((entry) => [entry.toObjectId, entry.associationTypes.map((type) => type.typeId)]),
    ).toEqual([[item.id, [AssociationTypes.dealToLineItem]]]);
    const withAssociations = await h.client.crm.deals.basicApi.getById(deal.id, undefined, undefined, ['line_items']);
    expect(withAssociations.associations?.line_items?.results.map((entry) => entry.id)).toEqual([item.id]);

    const wrongType = await apiError(
      h.client.crm.lineItems.basicApi.create({
        properties: { name: 'x', price: '1' },
        associations: [
          {
            to: { id: deal.id },
            types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: AssociationTypes.quoteToDeal }],
          },
        ],
      }),
    );
    expect(wrongType.code).toBe(400);
  });

  test('contacts.email is unique: a second contact with the same email is a 409 naming the existing id', async () => {
    const first = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'dup@example.com' },
      associations: [],
    });
    const second = await apiError(
      h.client.crm.contacts.basicApi.create({ properties: { email: 'dup@example.com' }, associations: [] }),
    );
    expect(second.code).toBe(409);
    expect(second.body).toMatchObject({
      category: 'CONFLICT',
      message: `Contact already exists. Existing ID: ${first.id}`,
    });
  });

  test('a malformed JSON body is HubSpot 400 VALIDATION_ERROR, not the app error shape', async () => {
    const response = await h.http('POST', '/crm/v3/objects/deals', { body: '{"properties": ' });
    expect(response.status).toBe(400);
    expect(asRecord(response.body)).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(asRecord(response.body).correlationId).toEqual(expect.any(String));
    expect(asRecord(response.body)).not.toHaveProperty('error');
  });
});
