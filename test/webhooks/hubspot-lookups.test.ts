import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { createHubSpotClients, type HubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { createHubSpotLookups } from '../../src/integrations/hubspot/webhooks/hubspot-lookups.ts';
import { startSandbox, type Harness } from '../sandbox/sandbox-harness.ts';

describe('HubSpot lookups for webhook handlers (through the per-portal client, against the sandbox)', () => {
  let h: Harness;
  let clients: HubSpotClients;
  let portal: PortalId;

  beforeAll(async () => {
    h = await startSandbox({ companyCurrency: 'EUR' });
    portal = h.sandbox.portalId as PortalId;
    clients = createHubSpotClients({
      basePath: h.server.url,
      tokens: createStaticTokenProvider(new Map([[portal, h.sandbox.demoAccessToken]])),
      logger: createLogger({ level: 'silent' }),
      rateLimitPerWindow: 110,
    });
  });
  afterAll(async () => h.close());

  test('company currency comes from account-info and is cached per portal until the TTL passes', async () => {
    let now = 0;
    const lookups = createHubSpotLookups(clients, { ttlMs: 1_000, now: () => now });
    const calls = () => h.sandbox.stats.snapshot().byRoute['GET /account-info/v3/details']?.['200'] ?? 0;
    expect(await lookups.companyCurrency(portal)).toBe('EUR');
    expect(await lookups.companyCurrency(portal)).toBe('EUR');
    expect(calls()).toBe(1);
    now = 1_001;
    expect(await lookups.companyCurrency(portal)).toBe('EUR');
    expect(calls()).toBe(2);
  });

  test("a product's name, hs_sku and price; a product HubSpot does not have is undefined", async () => {
    const created = await h.client.crm.products.basicApi.create({
      properties: { name: 'Dock', hs_sku: 'DOCK-9', price: '45.5' },
      associations: [],
    });
    const lookups = createHubSpotLookups(clients);
    expect(await lookups.product(portal, created.id)).toEqual({
      id: created.id,
      name: 'Dock',
      sku: 'DOCK-9',
      price: '45.5',
    });
    expect(await lookups.product(portal, '999999999')).toBeUndefined();
  });

  test("a line item's deal through v4 associations; a line item that does not exist has none", async () => {
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'Lookup deal' },
      associations: [],
    });
    const lineItem = await h.client.crm.lineItems.basicApi.create({
      properties: { name: 'Dock', quantity: '2', price: '45.5' },
      associations: [],
    });
    await h.client.crm.associations.v4.basicApi.createDefault('line_items', lineItem.id, 'deals', deal.id);
    const lookups = createHubSpotLookups(clients);
    expect(await lookups.lineItemDealIds(portal, lineItem.id)).toEqual([deal.id]);
    expect(await lookups.lineItemDealIds(portal, '888888888')).toEqual([]);
  });
});
