import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { apiError, asRecord, startSandbox, type Harness } from './sandbox-harness.ts';

const GROUP = { name: 'cpq', label: 'CPQ', displayOrder: 1 };
const PROPERTY = {
  name: 'cpq_contract_id',
  label: 'CPQ contract id',
  type: PropertyCreateTypeEnum.String,
  fieldType: PropertyCreateFieldTypeEnum.Text,
  groupName: 'cpq',
  hasUniqueValue: true,
};

const MACHINE_SCHEMA = {
  name: 'cpq_contract',
  labels: { singular: 'Contract', plural: 'Contracts' },
  primaryDisplayProperty: 'contract_name',
  requiredProperties: ['contract_name'],
  searchableProperties: ['contract_name'],
  secondaryDisplayProperties: [],
  properties: [
    { name: 'contract_name', label: 'Contract name', type: 'string', fieldType: 'text' },
    { name: 'contract_value', label: 'Value', type: 'number', fieldType: 'number' },
  ],
  associatedObjects: ['DEAL', 'COMPANY'],
};

describe('sandbox properties, property groups and custom object schemas', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox({ seed: false });
  });
  afterEach(async () => {
    await h.close();
  });

  test('property group create answers 201, a second create of the same name 409 OBJECT_ALREADY_EXISTS, the group is listed', async () => {
    const group = await h.client.crm.properties.groupsApi.create('deals', GROUP);
    expect(group).toMatchObject({ name: 'cpq', label: 'CPQ', archived: false });
    const duplicate = await apiError(h.client.crm.properties.groupsApi.create('deals', GROUP));
    expect(duplicate.code).toBe(409);
    expect(duplicate.body.category).toBe('OBJECT_ALREADY_EXISTS');
    const groups = await h.client.crm.properties.groupsApi.getAll('deals');
    expect(groups.results.map((entry) => entry.name)).toEqual(['dealinformation', 'cpq']);
  });

  test('property create answers 201 with HubSpot metadata; the same name again is 409; get/list return it', async () => {
    await h.client.crm.properties.groupsApi.create('deals', GROUP);
    const created = await h.client.crm.properties.coreApi.create('deals', PROPERTY);
    expect(created).toMatchObject({
      name: 'cpq_contract_id',
      type: 'string',
      fieldType: 'text',
      groupName: 'cpq',
      hasUniqueValue: true,
      hubspotDefined: false,
    });
    const duplicate = await apiError(h.client.crm.properties.coreApi.create('deals', PROPERTY));
    expect(duplicate.code).toBe(409);
    expect(duplicate.body).toMatchObject({
      category: 'OBJECT_ALREADY_EXISTS',
      message: "Property named 'cpq_contract_id' already exists.",
    });
    expect((await h.client.crm.properties.coreApi.getByName('deals', 'cpq_contract_id')).label).toBe('CPQ contract id');
    const names = (await h.client.crm.properties.coreApi.getAll('deals')).results.map((property) => property.name);
    expect(names).toEqual(expect.arrayContaining(['dealname', 'amount', 'dealstage', 'cpq_contract_id']));
  });

  test('a created property is writable on records and, being unique, usable as idProperty', async () => {
    await h.client.crm.properties.groupsApi.create('deals', GROUP);
    await h.client.crm.properties.coreApi.create('deals', PROPERTY);
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'x', cpq_contract_id: 'C-1' },
      associations: [],
    });
    const found = await h.client.crm.deals.basicApi.getById(
      'C-1',
      ['dealname'],
      undefined,
      undefined,
      false,
      'cpq_contract_id',
    );
    expect(found.id).toBe(deal.id);
  });

  test('property create into a group that does not exist is a 400; an unknown property is a 404', async () => {
    expect((await apiError(h.client.crm.properties.coreApi.create('deals', PROPERTY))).code).toBe(400);
    expect((await apiError(h.client.crm.properties.coreApi.getByName('deals', 'nope'))).code).toBe(404);
  });

  test('enumeration properties need options; their values are validated on write', async () => {
    await h.client.crm.properties.groupsApi.create('deals', GROUP);
    const noOptions = await h.http('POST', '/crm/v3/properties/deals', {
      body: { name: 'cpq_tier', label: 'Tier', type: 'enumeration', fieldType: 'select', groupName: 'cpq' },
    });
    expect(noOptions.status).toBe(400);
    const created = await h.http('POST', '/crm/v3/properties/deals', {
      body: {
        name: 'cpq_tier',
        label: 'Tier',
        type: 'enumeration',
        fieldType: 'select',
        groupName: 'cpq',
        options: [{ label: 'Gold', value: 'gold' }],
      },
    });
    expect(created.status).toBe(201);
    expect(
      (await apiError(h.client.crm.deals.basicApi.create({ properties: { cpq_tier: 'silver' }, associations: [] })))
        .code,
    ).toBe(400);
    expect(
      (await h.client.crm.deals.basicApi.create({ properties: { cpq_tier: 'gold' }, associations: [] })).properties
        .cpq_tier,
    ).toBe('gold');
  });

  test('custom object schema create (Enterprise): 201 with objectTypeId 2-n and fully qualified name; records by type id or name', async () => {
    const response = await h.http('POST', '/crm-object-schemas/v3/schemas', { body: MACHINE_SCHEMA });
    expect(response.status).toBe(201);
    const schema = asRecord(response.body);
    expect(schema.objectTypeId).toMatch(/^2-\d+$/);
    expect(schema.fullyQualifiedName).toBe(`p${h.sandbox.portalId}_cpq_contract`);
    expect((schema.associations as unknown[]).length).toBe(2);
    const objectTypeId = String(schema.objectTypeId);
    const record = await h.client.crm.objects.basicApi.create(objectTypeId, {
      properties: { contract_name: 'MSA', contract_value: '1200' },
      associations: [],
    });
    const byName = await h.client.crm.objects.basicApi.getById('cpq_contract', record.id, ['contract_name']);
    expect(byName.properties.contract_name).toBe('MSA');
    const missingRequired = await apiError(
      h.client.crm.objects.basicApi.create(objectTypeId, { properties: { contract_value: '1' }, associations: [] }),
    );
    expect(missingRequired.code).toBe(400);
    const listed = await h.client.crm.schemas.coreApi.getAll();
    expect(listed.results.map((entry) => entry.name)).toEqual(['cpq_contract']);
    expect((await h.client.crm.schemas.coreApi.getById(objectTypeId)).labels.plural).toBe('Contracts');
    expect((await h.http('POST', '/crm-object-schemas/v3/schemas', { body: MACHINE_SCHEMA })).status).toBe(409);
  });

  test('switching the portal off Enterprise makes schema routes answer 403 MISSING_SCOPES', async () => {
    h.sandbox.state.setEnterprise(false);
    const list = await apiError(h.client.crm.schemas.coreApi.getAll());
    expect(list.code).toBe(403);
    expect(list.body.category).toBe('MISSING_SCOPES');
    expect((await h.http('POST', '/crm-object-schemas/v3/schemas', { body: MACHINE_SCHEMA })).status).toBe(403);
    const switched = await h.http('PATCH', `/__sandbox/portals/${h.sandbox.portalId}`, {
      body: { enterprise: true },
      token: null,
    });
    expect(switched.status).toBe(200);
    expect((await h.client.crm.schemas.coreApi.getAll()).results).toEqual([]);
  });
});
