import { AssociationTypes } from '@hubspot/api-client';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import { HUBSPOT_DEFINED_TYPES } from '../../tools/hubspot-sandbox/sandbox-association-types.ts';
import { apiError, asRecord, startSandbox, type Harness } from './sandbox-harness.ts';

const HUBSPOT_DEFINED = AssociationSpecAssociationCategoryEnum.HubspotDefined;

describe('sandbox associations v4 (type ids per direction, batch limits)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox({ seed: false });
  });
  afterEach(async () => {
    await h.close();
  });

  const create = async (objectType: string, properties: Record<string, string>) =>
    (await h.client.crm.objects.basicApi.create(objectType, { properties, associations: [] })).id;

  const hasType = (typeId: number, fromTypeId: string, toTypeId: string) =>
    HUBSPOT_DEFINED_TYPES.some(
      (def) => def.typeId === typeId && def.fromTypeId === fromTypeId && def.toTypeId === toTypeId,
    );

  test("HUBSPOT_DEFINED type ids match the client's AssociationTypes for every pair the sandbox knows", () => {
    const pairs: Array<[keyof typeof AssociationTypes, string, string]> = [
      ['dealToLineItem', '0-3', '0-8'],
      ['lineItemToDeal', '0-8', '0-3'],
      ['dealToQuote', '0-3', '0-14'],
      ['quoteToDeal', '0-14', '0-3'],
      ['quoteToLineItem', '0-14', '0-8'],
      ['lineItemToQuote', '0-8', '0-14'],
      ['quoteToContact', '0-14', '0-1'],
      ['quoteToCompany', '0-14', '0-2'],
      ['dealToContact', '0-3', '0-1'],
      ['contactToDeal', '0-1', '0-3'],
      ['dealToCompany', '0-3', '0-2'],
      ['companyToDeal', '0-2', '0-3'],
      ['contactToCompany', '0-1', '0-2'],
      ['primaryContactToCompany', '0-1', '0-2'],
      ['primaryDealToCompany', '0-3', '0-2'],
    ];
    const mismatched = pairs.filter(([name, from, to]) => !hasType(AssociationTypes[name], from, to));
    expect(mismatched).toEqual([]);
  });

  test('invoice type ids follow the reference (the client enum has none): deal->invoice 176, invoice->deal 175, 177, 407, 409', () => {
    expect([
      hasType(176, '0-3', '0-53'),
      hasType(175, '0-53', '0-3'),
      hasType(177, '0-53', '0-1'),
      hasType(407, '0-53', '0-14'),
      hasType(409, '0-53', '0-8'),
    ]).toEqual([true, true, true, true, true]);
  });

  test('batch create deal->line item (19) answers 201 and records the inverse type 20 on the line item', async () => {
    const deal = await create('deals', { dealname: 'D' });
    const items = [
      await create('line_items', { name: 'a', price: '1' }),
      await create('line_items', { name: 'b', price: '2' }),
    ];
    const created = await h.client.crm.associations.v4.batchApi.create('deals', 'line_items', {
      inputs: items.map((id) => ({
        _from: { id: deal },
        to: { id },
        types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 19 }],
      })),
    });
    expect(created.status).toBe('COMPLETE');
    expect(
      created.results.map((pair) => [pair.fromObjectTypeId, pair.fromObjectId, pair.toObjectTypeId, pair.toObjectId]),
    ).toEqual(items.map((id) => ['0-3', deal, '0-8', id]));
    const read = await h.client.crm.associations.v4.batchApi.getPage('line_items', 'deals', {
      inputs: items.map((id) => ({ id })),
    });
    expect(
      read.results.map((entry) => [
        entry._from.id,
        entry.to.map((to) => [to.toObjectId, to.associationTypes.map((type) => type.typeId)]),
      ]),
    ).toEqual(items.map((id) => [id, [[deal, [20]]]]));
  });

  test('quote associations: quote->deal 64, quote->line item 67, quote->contact 69', async () => {
    const deal = await create('deals', { dealname: 'D' });
    const contact = await create('contacts', { email: 'q@example.com' });
    const item = await create('line_items', { name: 'copy', price: '1' });
    const quote = await create('quotes', { hs_title: 'Q', hs_expiration_date: '2026-12-31' });
    for (const [toType, toId, typeId] of [
      ['deals', deal, 64],
      ['line_items', item, 67],
      ['contacts', contact, 69],
    ] as const) {
      const pair = await h.client.crm.associations.v4.basicApi.create('quotes', quote, toType, toId, [
        { associationCategory: HUBSPOT_DEFINED, associationTypeId: typeId },
      ]);
      expect(pair.toObjectId).toBe(toId);
    }
    const fromDeal = await h.client.crm.associations.v4.basicApi.getPage('deals', deal, 'quotes');
    expect(fromDeal.results[0]?.associationTypes.map((type) => type.typeId)).toEqual([63]);
  });

  test('a type id that does not belong to the pair is refused: 207 in a batch, 400 on a single PUT', async () => {
    const deal = await create('deals', { dealname: 'D' });
    const item = await create('line_items', { name: 'a', price: '1' });
    const batch = await h.http('POST', '/crm/v4/associations/deals/line_items/batch/create', {
      body: {
        inputs: [
          {
            from: { id: deal },
            to: { id: item },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 64 }],
          },
        ],
      },
    });
    expect(batch.status).toBe(207);
    expect(asRecord(batch.body).numErrors).toBe(1);
    const single = await apiError(
      h.client.crm.associations.v4.basicApi.create('deals', deal, 'line_items', item, [
        { associationCategory: HUBSPOT_DEFINED, associationTypeId: 20 },
      ]),
    );
    expect(single.code).toBe(400);
  });

  test('a line item belongs to one parent: attaching a deal line item to a quote is refused (quotes copy line items)', async () => {
    const deal = await create('deals', { dealname: 'D' });
    const quote = await create('quotes', { hs_title: 'Q', hs_expiration_date: '2026-12-31' });
    const item = await create('line_items', { name: 'a', price: '1' });
    await h.client.crm.associations.v4.basicApi.create('deals', deal, 'line_items', item, [
      { associationCategory: HUBSPOT_DEFINED, associationTypeId: 19 },
    ]);
    const error = await apiError(
      h.client.crm.associations.v4.basicApi.create('quotes', quote, 'line_items', item, [
        { associationCategory: HUBSPOT_DEFINED, associationTypeId: 67 },
      ]),
    );
    expect(error.code).toBe(400);
    expect(String(error.body.message)).toContain('copy it instead');
  });

  test('batch read answers 207 with NO_ASSOCIATIONS_FOUND for records without associations', async () => {
    const deal = await create('deals', { dealname: 'lonely' });
    const response = await h.http('POST', '/crm/v4/associations/deals/line_items/batch/read', {
      body: { inputs: [{ id: deal }] },
    });
    expect(response.status).toBe(207);
    expect(asRecord(response.body).errors).toEqual([
      expect.objectContaining({
        category: 'OBJECT_NOT_FOUND',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        context: { fromObjectId: [deal] },
      }),
    ]);
  });

  test('limits: batch create takes 2,000 inputs and refuses 2,001; batch read refuses 1,001', async () => {
    const deal = await create('deals', { dealname: 'D' });
    const tooMany = Array.from({ length: 2001 }, () => ({
      from: { id: deal },
      to: { id: deal },
      types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 19 }],
    }));
    const create2001 = await h.http('POST', '/crm/v4/associations/deals/line_items/batch/create', {
      body: { inputs: tooMany },
    });
    expect(create2001.status).toBe(400);
    expect(String(asRecord(create2001.body).message)).toContain('2000');
    const create2000 = await h.http('POST', '/crm/v4/associations/deals/line_items/batch/create', {
      body: { inputs: tooMany.slice(1) },
    });
    expect(create2000.status).toBe(207);
    const read1001 = await h.http('POST', '/crm/v4/associations/deals/line_items/batch/read', {
      body: { inputs: Array.from({ length: 1001 }, () => ({ id: deal })) },
    });
    expect(read1001.status).toBe(400);
  });

  test('PUT .../associations/default/... creates the unlabelled type and answers both directions', async () => {
    const deal = await create('deals', { dealname: 'D' });
    const company = await create('companies', { name: 'C' });
    const response = await h.client.crm.associations.v4.basicApi.createDefault('deals', deal, 'companies', company);
    expect(
      response.results.map((result) => [result._from.id, result.to.id, result.associationSpec.associationTypeId]),
    ).toEqual([
      [deal, company, 341],
      [company, deal, 342],
    ]);
  });

  test('batch archive and single DELETE remove both directions', async () => {
    const deal = await create('deals', { dealname: 'D' });
    const [a, b] = [
      await create('line_items', { name: 'a', price: '1' }),
      await create('line_items', { name: 'b', price: '1' }),
    ];
    for (const item of [a, b]) {
      await h.client.crm.associations.v4.basicApi.create('deals', deal, 'line_items', item, [
        { associationCategory: HUBSPOT_DEFINED, associationTypeId: 19 },
      ]);
    }
    await h.client.crm.associations.v4.batchApi.archive('deals', 'line_items', {
      inputs: [{ _from: { id: deal }, to: [{ id: a }] }],
    });
    await h.client.crm.associations.v4.basicApi.archive('line_items', b, 'deals', deal);
    expect((await h.client.crm.associations.v4.basicApi.getPage('deals', deal, 'line_items')).results).toEqual([]);
    expect((await h.client.crm.associations.v4.basicApi.getPage('line_items', a, 'deals')).results).toEqual([]);
  });

  test('archiving a record removes its associations', async () => {
    const deal = await create('deals', { dealname: 'D' });
    const item = await create('line_items', { name: 'a', price: '1' });
    await h.client.crm.associations.v4.basicApi.create('deals', deal, 'line_items', item, [
      { associationCategory: HUBSPOT_DEFINED, associationTypeId: 19 },
    ]);
    await h.client.crm.lineItems.basicApi.archive(item);
    expect((await h.client.crm.associations.v4.basicApi.getPage('deals', deal, 'line_items')).results).toEqual([]);
  });
});
