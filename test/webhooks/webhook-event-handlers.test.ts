import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { isOwnWrite } from '../../src/integrations/hubspot/webhooks/webhook-event-handlers.ts';
import { handleWebhookEvent } from '../../src/main/webhook-wiring.ts';
import { WebhookEventSchema, type WebhookEvent } from '../../src/integrations/hubspot/webhooks/webhook-event-schema.ts';
import { FakeWebhookWorld } from './fake-webhook-ports.ts';

const PORTAL = 12345678 as PortalId;
const APP_ID = 4242;
let nextEventId = 1;

function event(fields: Record<string, unknown>): WebhookEvent {
  nextEventId += 1;
  return WebhookEventSchema.parse({
    eventId: nextEventId,
    subscriptionId: 1,
    portalId: PORTAL,
    occurredAt: 1_000,
    changeSource: 'CRM_UI',
    sourceId: 'userId:7',
    ...fields,
  });
}

function context(inboxId = 1) {
  return { portalId: PORTAL, inboxId, appId: APP_ID };
}

function worldWithQuote(status: 'draft' | 'accepted' = 'accepted'): FakeWebhookWorld {
  const world = new FakeWebhookWorld();
  world.quotes.push({
    quoteId: 'q1',
    dealId: '501',
    netTotal: '1876.48',
    lineCount: 3,
    primary: true,
    status,
    archived: false,
  });
  world.quotes.push({
    quoteId: 'q2',
    dealId: '501',
    netTotal: '99',
    lineCount: 1,
    primary: false,
    status: 'accepted',
    archived: false,
  });
  return world;
}

describe('webhook event handlers (against fake ports)', () => {
  test('deal moved into a closed-won stage marks the primary accepted quote won, not the others', async () => {
    const world = worldWithQuote();
    const result = await handleWebhookEvent(
      event({
        subscriptionType: 'deal.propertyChange',
        objectId: 501,
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
      }),
      context(),
      world.ports(),
    );
    expect(result).toEqual({ status: 'done', outcome: 'quote-won' });
    expect(world.quotes.map((q) => [q.quoteId, q.status])).toEqual([
      ['q1', 'won'],
      ['q2', 'accepted'],
    ]);
  });

  test('closed-won follows the portal pipeline settings: a custom won stage counts, closedlost does not', async () => {
    const world = worldWithQuote();
    world.wonStages = new Set(['custom-won-7']);
    const lost = await handleWebhookEvent(
      event({
        subscriptionType: 'deal.propertyChange',
        objectId: 501,
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
      }),
      context(),
      world.ports(),
    );
    expect(lost).toEqual({ status: 'ignored', outcome: 'stage-not-won' });
    expect(world.quotes[0]?.status).toBe('accepted');
    const won = await handleWebhookEvent(
      event({
        subscriptionType: 'deal.propertyChange',
        objectId: 501,
        propertyName: 'dealstage',
        propertyValue: 'custom-won-7',
      }),
      context(),
      world.ports(),
    );
    expect(won.outcome).toBe('quote-won');
  });

  test('closed-won with only a draft primary quote changes no quote and records a dealstage divergence', async () => {
    const world = worldWithQuote('draft');
    const result = await handleWebhookEvent(
      event({
        subscriptionType: 'deal.propertyChange',
        objectId: 501,
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
      }),
      context(),
      world.ports(),
    );
    expect(result).toEqual({ status: 'done', outcome: 'divergence-recorded' });
    expect(world.quotes[0]?.status).toBe('draft');
    expect(world.divergences.map((d) => [d.field, d.hubspotValue, d.appValue])).toEqual([
      ['dealstage', 'closedwon', 'no accepted quote'],
    ]);
  });

  test('deal amount changed by someone else to a different value records a divergence and overwrites nothing', async () => {
    const world = worldWithQuote();
    const result = await handleWebhookEvent(
      event({ subscriptionType: 'deal.propertyChange', objectId: 501, propertyName: 'amount', propertyValue: '2000' }),
      context(77),
      world.ports(),
    );
    expect(result.outcome).toBe('divergence-recorded');
    expect(world.divergences).toEqual([
      {
        dealId: '501',
        quoteId: 'q1',
        field: 'amount',
        hubspotValue: '2000',
        appValue: '1876.48',
        occurredAt: 1_000,
        inboxId: 77,
        details: { changeSource: 'CRM_UI', sourceId: 'userId:7' },
      },
    ]);
    expect(world.quotes[0]?.netTotal).toBe('1876.48');
  });

  test('deal amount equal by value to the primary quote total ("1876.480") is in sync, no divergence', async () => {
    const world = worldWithQuote();
    const result = await handleWebhookEvent(
      event({
        subscriptionType: 'deal.propertyChange',
        objectId: 501,
        propertyName: 'amount',
        propertyValue: '1876.480',
      }),
      context(),
      world.ports(),
    );
    expect(result).toEqual({ status: 'done', outcome: 'in-sync' });
    expect(world.divergences).toEqual([]);
  });

  test('a line item associated to the deal in HubSpot records a line_items divergence', async () => {
    const world = worldWithQuote();
    const result = await handleWebhookEvent(
      event({
        subscriptionType: 'deal.associationChange',
        objectId: 501,
        associationType: 'DEAL_TO_LINE_ITEM',
        fromObjectId: 501,
        toObjectId: 9001,
        associationRemoved: false,
      }),
      context(5),
      world.ports(),
    );
    expect(result.outcome).toBe('divergence-recorded');
    expect(world.divergences[0]).toMatchObject({
      field: 'line_items',
      hubspotValue: 'added line item 9001',
      appValue: '3 lines',
      inboxId: 5,
    });
  });

  test('deal deleted archives its quotes; deal merged re-points the merged deal quotes to the survivor', async () => {
    const world = worldWithQuote();
    world.quotes.push({
      quoteId: 'q3',
      dealId: '777',
      netTotal: '5',
      lineCount: 1,
      primary: true,
      status: 'draft',
      archived: false,
    });
    const merged = await handleWebhookEvent(
      event({ subscriptionType: 'deal.merge', objectId: 888, primaryObjectId: 888, mergedObjectIds: [777, 888] }),
      context(),
      world.ports(),
    );
    expect(merged).toEqual({ status: 'done', outcome: 'repointed:1' });
    expect(world.quotes.find((q) => q.quoteId === 'q3')?.dealId).toBe('888');
    const deleted = await handleWebhookEvent(
      event({ subscriptionType: 'deal.deletion', objectId: 501 }),
      context(),
      world.ports(),
    );
    expect(deleted).toEqual({ status: 'done', outcome: 'archived:2' });
    expect(world.quotes.filter((q) => q.archived).map((q) => q.quoteId)).toEqual(['q1', 'q2']);
  });

  test('product created, changed (price, sku, name) and deleted in HubSpot: the catalog entry follows', async () => {
    const world = new FakeWebhookWorld();
    const product = { subscriptionType: 'object.propertyChange', objectTypeId: '0-7', objectId: 42 };
    expect(
      (
        await handleWebhookEvent(
          event({ subscriptionType: 'object.creation', objectTypeId: '0-7', objectId: 42 }),
          context(),
          world.ports(),
        )
      ).outcome,
    ).toBe('product-created');
    await handleWebhookEvent(
      event({ ...product, propertyName: 'price', propertyValue: '234.56' }),
      context(),
      world.ports(),
    );
    await handleWebhookEvent(
      event({ ...product, propertyName: 'hs_sku', propertyValue: 'LAPTOP' }),
      context(),
      world.ports(),
    );
    await handleWebhookEvent(
      event({ ...product, propertyName: 'name', propertyValue: 'Laptop' }),
      context(),
      world.ports(),
    );
    expect(world.products.get('42')).toEqual({ price: '234.56', sku: 'LAPTOP', name: 'Laptop' });
    expect(
      (
        await handleWebhookEvent(
          event({ ...product, propertyName: 'description', propertyValue: 'x' }),
          context(),
          world.ports(),
        )
      ).outcome,
    ).toBe('property-not-mirrored');
    expect(
      (
        await handleWebhookEvent(
          event({ ...product, propertyName: 'price', propertyValue: 'abc' }),
          context(),
          world.ports(),
        )
      ).outcome,
    ).toBe('price-not-decimal');
    expect(world.products.get('42')?.price).toBe('234.56');
    expect(
      (
        await handleWebhookEvent(
          event({ subscriptionType: 'object.deletion', objectTypeId: '0-7', objectId: 42 }),
          context(),
          world.ports(),
        )
      ).outcome,
    ).toBe('product-removed');
    expect(world.products.has('42')).toBe(false);
  });

  describe('products not yet in the catalog', () => {
    const unlinked = (world: FakeWebhookWorld) => ({
      ...world.ports(),
      catalog: { ...world.catalog, upsertFromHubSpotProduct: async () => 'not-linked' as const },
    });

    test('product created in HubSpot creates the catalog entry linked to it: sku = hs_sku, price in the portal company currency', async () => {
      const world = new FakeWebhookWorld();
      world.companyCurrency = 'EUR';
      world.hubspotProducts.set('77', { id: '77', name: 'Dock', sku: 'DOCK', price: '45.50' });
      const result = await handleWebhookEvent(
        event({ subscriptionType: 'object.creation', objectTypeId: '0-7', objectId: 77 }),
        context(),
        unlinked(world),
      );
      expect(result).toEqual({ status: 'done', outcome: 'product-created' });
      expect(world.created.get('77')).toEqual({ sku: 'DOCK', name: 'Dock', prices: { EUR: '45.50' } });
    });

    test('a created product without hs_sku gets sku HS-<id>; without a price, an entry without prices', async () => {
      const world = new FakeWebhookWorld();
      world.hubspotProducts.set('78', { id: '78', name: null, sku: null, price: null });
      expect(
        (
          await handleWebhookEvent(
            event({ subscriptionType: 'object.creation', objectTypeId: '0-7', objectId: 78 }),
            context(),
            unlinked(world),
          )
        ).outcome,
      ).toBe('product-created');
      expect(world.created.get('78')).toEqual({ sku: 'HS-78', name: 'HS-78', prices: {} });
      expect(world.calls).not.toContain('companyCurrency');
    });

    test('a property change on an unlinked product creates the entry only when HubSpot has an hs_sku', async () => {
      const world = new FakeWebhookWorld();
      world.hubspotProducts.set('79', { id: '79', name: 'Cable', sku: null, price: '5' });
      const change = event({
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-7',
        objectId: 79,
        propertyName: 'name',
        propertyValue: 'Cable',
      });
      expect(await handleWebhookEvent(change, context(), unlinked(world))).toEqual({
        status: 'ignored',
        outcome: 'product-not-linked',
      });
      expect(world.created.size).toBe(0);
      world.hubspotProducts.set('79', { id: '79', name: 'Cable', sku: 'CABLE', price: '5' });
      expect((await handleWebhookEvent(change, context(), unlinked(world))).outcome).toBe('product-created');
      expect(world.created.get('79')).toEqual({ sku: 'CABLE', name: 'Cable', prices: { USD: '5' } });
    });

    test('a SKU another catalog entry already has is not taken over; a product gone from HubSpot is not created', async () => {
      const world = new FakeWebhookWorld();
      world.hubspotProducts.set('80', { id: '80', name: 'A', sku: 'SAME', price: '1' });
      world.hubspotProducts.set('81', { id: '81', name: 'B', sku: 'SAME', price: '2' });
      await handleWebhookEvent(
        event({ subscriptionType: 'object.creation', objectTypeId: '0-7', objectId: 80 }),
        context(),
        unlinked(world),
      );
      expect(
        await handleWebhookEvent(
          event({ subscriptionType: 'object.creation', objectTypeId: '0-7', objectId: 81 }),
          context(),
          unlinked(world),
        ),
      ).toEqual({ status: 'ignored', outcome: 'product-sku-taken' });
      expect(
        await handleWebhookEvent(
          event({ subscriptionType: 'object.creation', objectTypeId: '0-7', objectId: 82 }),
          context(),
          unlinked(world),
        ),
      ).toEqual({ status: 'ignored', outcome: 'product-gone' });
      expect([...world.created.keys()]).toEqual(['80']);
    });

    test('without the HubSpot lookups an unlinked product stays ignored/product-not-linked', async () => {
      const world = new FakeWebhookWorld();
      const { hubspot: _unused, ...ports } = unlinked(world);
      const result = await handleWebhookEvent(
        event({
          subscriptionType: 'object.propertyChange',
          objectTypeId: '0-7',
          objectId: 77,
          propertyName: 'name',
          propertyValue: 'X',
        }),
        context(),
        ports,
      );
      expect(result).toEqual({ status: 'ignored', outcome: 'product-not-linked' });
    });
  });

  test('hs_price_<currency> updates that currency price of the catalog entry', async () => {
    const world = new FakeWebhookWorld();
    const change = event({
      subscriptionType: 'object.propertyChange',
      objectTypeId: '0-7',
      objectId: 42,
      propertyName: 'hs_price_eur',
      propertyValue: '99.90',
    });
    expect((await handleWebhookEvent(change, context(), world.ports())).outcome).toBe('product-created');
    expect(world.products.get('42')).toEqual({ prices: { EUR: '99.90' } });
    const bad = event({
      subscriptionType: 'object.propertyChange',
      objectTypeId: '0-7',
      objectId: 42,
      propertyName: 'hs_price_usd',
      propertyValue: 'n/a',
    });
    expect((await handleWebhookEvent(bad, context(), world.ports())).outcome).toBe('price-not-decimal');
  });

  describe('line items changed in HubSpot', () => {
    test('a line item property change by someone else records a line_items divergence on its deal (resolved through HubSpot)', async () => {
      const world = worldWithQuote();
      world.lineItemDeals.set('9001', ['501']);
      const change = event({
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-8',
        objectId: 9001,
        propertyName: 'quantity',
        propertyValue: '3',
      });
      expect(await handleWebhookEvent(change, context(8), world.ports())).toEqual({
        status: 'done',
        outcome: 'divergence-recorded',
      });
      expect(world.divergences).toEqual([
        expect.objectContaining({
          dealId: '501',
          quoteId: 'q1',
          field: 'line_items',
          hubspotValue: 'changed line item 9001: quantity=3',
          appValue: '3 lines',
          inboxId: 8,
        }),
      ]);
    });

    test('line item creation on a deal records a divergence; a deleted line item has no deal left to resolve', async () => {
      const world = worldWithQuote();
      world.lineItemDeals.set('9002', ['501']);
      expect(
        (
          await handleWebhookEvent(
            event({ subscriptionType: 'line_item.creation', objectId: 9002 }),
            context(9),
            world.ports(),
          )
        ).outcome,
      ).toBe('divergence-recorded');
      expect(world.divergences[0]?.hubspotValue).toBe('created line item 9002');
      expect(
        await handleWebhookEvent(
          event({ subscriptionType: 'object.deletion', objectTypeId: '0-8', objectId: 9003 }),
          context(10),
          world.ports(),
        ),
      ).toEqual({ status: 'ignored', outcome: 'line-item-no-deal' });
      expect(world.divergences).toHaveLength(1);
    });

    test('line items the app wrote (in the sync mapping) and own-write events are skipped, no divergence', async () => {
      const world = worldWithQuote();
      world.lineItemDeals.set('9004', ['501']);
      world.appLineItems.add('9004');
      const change = {
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-8',
        objectId: 9004,
        propertyName: 'price',
        propertyValue: '10',
      };
      expect(await handleWebhookEvent(event(change), context(), world.ports())).toEqual({
        status: 'ignored',
        outcome: 'app-line-item',
      });
      expect(
        (
          await handleWebhookEvent(
            event({ ...change, objectId: 9005, changeSource: 'INTEGRATION', sourceId: '4242' }),
            context(),
            world.ports(),
          )
        ).outcome,
      ).toBe('own-write');
      expect(world.divergences).toEqual([]);
    });

    test('a line item on a deal without a primary quote is ignored/no-primary-quote', async () => {
      const world = worldWithQuote();
      world.lineItemDeals.set('9006', ['999']);
      const change = event({
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-8',
        objectId: 9006,
        propertyName: 'quantity',
        propertyValue: '1',
      });
      expect(await handleWebhookEvent(change, context(), world.ports())).toEqual({
        status: 'ignored',
        outcome: 'no-primary-quote',
      });
    });
  });

  test("events caused by this app's own writes (INTEGRATION + our app id) are ignored; another app's are not", async () => {
    const world = worldWithQuote();
    const own = event({
      subscriptionType: 'deal.propertyChange',
      objectId: 501,
      propertyName: 'amount',
      propertyValue: '5',
      changeSource: 'INTEGRATION',
      sourceId: '4242',
    });
    expect(isOwnWrite(own, APP_ID)).toBe(true);
    expect(await handleWebhookEvent(own, context(), world.ports())).toEqual({
      status: 'ignored',
      outcome: 'own-write',
    });
    expect(world.divergences).toEqual([]);
    const other = event({
      subscriptionType: 'deal.propertyChange',
      objectId: 501,
      propertyName: 'amount',
      propertyValue: '5',
      changeSource: 'INTEGRATION',
      sourceId: '9999',
    });
    expect((await handleWebhookEvent(other, context(), world.ports())).outcome).toBe('divergence-recorded');
  });

  test('events the app does not subscribe to are acknowledged as ignored/unsubscribed, never errors', async () => {
    const world = new FakeWebhookWorld();
    expect(
      await handleWebhookEvent(event({ subscriptionType: 'contact.creation', objectId: 1 }), context(), world.ports()),
    ).toEqual({ status: 'ignored', outcome: 'unsubscribed' });
    expect(
      await handleWebhookEvent(
        event({ subscriptionType: 'deal.propertyChange', objectId: 1, propertyName: 'closedate', propertyValue: 'x' }),
        context(),
        world.ports(),
      ),
    ).toEqual({ status: 'ignored', outcome: 'unsubscribed' });
  });

  test('without the quote-model adapters, quote events are ignored as port-not-wired (re-drivable later)', async () => {
    const world = worldWithQuote();
    const ports = { dealStages: world.dealStages, divergences: world.divergencePort };
    expect(
      await handleWebhookEvent(event({ subscriptionType: 'deal.deletion', objectId: 501 }), context(), ports),
    ).toEqual({ status: 'ignored', outcome: 'port-not-wired' });
  });
});
