import { provisionPortal } from '../../src/integrations/hubspot/sync/hubspot-provisioning.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';

let harness: SyncHarness;
afterEach(async () => harness.close());

test('provisioning creates the app property group and properties on deals, line items and quotes, and the contract object on Enterprise', async () => {
  harness = await startSyncHarness();

  const report = await provisionPortal(harness.clients.forPortal(harness.portalId));

  expect(report.steps.every((step) => step.outcome === 'created')).toBe(true);
  expect(report.steps.map((step) => step.step)).toEqual([
    'deals.group.cpq',
    'deals.property.cpq_primary_quote_id',
    'line_items.group.cpq',
    'line_items.property.cpq_sync_key',
    'line_items.property.cpq_quote_id',
    'line_items.property.cpq_line_key',
    'quotes.group.cpq',
    'quotes.property.cpq_sync_key',
    'quotes.property.cpq_quote_id',
    'schema.cpq_contract',
  ]);
  const property = await harness.client.crm.properties.coreApi.getByName('line_items', 'cpq_sync_key');
  expect({ group: property.groupName, type: property.type }).toEqual({ group: 'cpq', type: 'string' });
  const schemas = await harness.client.crm.schemas.coreApi.getAll();
  expect(schemas.results.map((schema) => schema.name)).toEqual(['cpq_contract']);
});

test('provisioning twice changes nothing the second time', async () => {
  harness = await startSyncHarness();
  const client = harness.clients.forPortal(harness.portalId);
  await provisionPortal(client);
  const propertiesBefore = (await harness.client.crm.properties.coreApi.getAll('deals')).results.length;

  const second = await provisionPortal(client);

  expect(second.steps.map((step) => step.outcome)).toEqual(Array(10).fill('existed'));
  expect((await harness.client.crm.properties.coreApi.getAll('deals')).results.length).toBe(propertiesBefore);
  expect((await harness.client.crm.schemas.coreApi.getAll()).results).toHaveLength(1);
});

test('without the schemas API (non-Enterprise portal) the contract object is skipped with the reason recorded', async () => {
  harness = await startSyncHarness({ enterprise: false });

  const report = await provisionPortal(harness.clients.forPortal(harness.portalId));

  expect(report.steps.at(-1)).toEqual({
    step: 'schema.cpq_contract',
    outcome: 'skipped',
    reason: 'schemas API not allowed for this portal (403)',
  });
  expect(report.steps.slice(0, -1).every((step) => step.outcome === 'created')).toBe(true);
});
