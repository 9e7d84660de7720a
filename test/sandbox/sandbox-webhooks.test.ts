import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyHubSpotSignature } from '../../src/kernel/http/hubspot-signature.ts';
import { ManualClock } from '../../tools/hubspot-sandbox/sandbox-clock.ts';
import type { HubSpotSandboxOptions } from '../../tools/hubspot-sandbox/hubspot-sandbox.ts';
import type { WebhookEvent } from '../../tools/hubspot-sandbox/sandbox-webhook-events.ts';
import { startSandbox, type Harness } from './sandbox-harness.ts';

const SECRET = 'webhook-client-secret';
const APP_ID = 777;

interface Received {
  url: string;
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
  events: WebhookEvent[];
}

/** A stand-in for the backend's webhook endpoint: records raw deliveries, answers scripted statuses. */
class Receiver {
  readonly received: Received[] = [];
  readonly statuses: number[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then((status) => res.writeHead(status).end());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/hubspot`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }

  events(): WebhookEvent[] {
    return this.received.flatMap((delivery) => delivery.events);
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]),
    );
    this.received.push({
      url: req.url ?? '',
      rawBody,
      headers,
      events: JSON.parse(rawBody.toString('utf8')) as WebhookEvent[],
    });
    return this.statuses.shift() ?? 204;
  }
}

describe('sandbox webhook delivery (batches of <= 100, signed v3, retried on non-2xx)', () => {
  let receiver: Receiver;
  let h: Harness;
  let clock: ManualClock;

  const start = async (webhook: Partial<NonNullable<HubSpotSandboxOptions['webhook']>> = {}) => {
    h = await startSandbox({
      clock,
      webhook: {
        url: receiver.url,
        clientSecret: SECRET,
        appId: APP_ID,
        delivery: { batchDelayMs: 5, retryDelaysMs: [20] },
        ...webhook,
      },
    });
  };

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 8, 1, 12));
    receiver = new Receiver();
    await receiver.start();
  });
  afterEach(async () => {
    await h.close();
    await receiver.stop();
  });

  test('deliveries carry a v3 signature that verifyHubSpotSignature accepts for the target URL', async () => {
    await start();
    await h.client.crm.deals.basicApi.create({ properties: { dealname: 'Signed' }, associations: [] });
    await h.sandbox.webhooks?.flush();
    expect(receiver.received.length).toBeGreaterThan(0);
    for (const delivery of receiver.received) {
      const check = verifyHubSpotSignature({
        method: 'POST',
        uri: receiver.url,
        rawBody: delivery.rawBody,
        headers: delivery.headers,
        clientSecret: SECRET,
        nowMs: clock.now(),
      });
      expect(check).toEqual({ ok: true, version: 'v3' });
      expect(delivery.headers['x-hubspot-request-timestamp']).toBe(String(clock.now()));
      const tampered = verifyHubSpotSignature({
        method: 'POST',
        uri: receiver.url,
        rawBody: Buffer.from('[]'),
        headers: delivery.headers,
        clientSecret: SECRET,
        nowMs: clock.now(),
      });
      expect(tampered.ok).toBe(false);
    }
  });

  test("the app's own API writes arrive as INTEGRATION with sourceId = app id, in HubSpot's event shape", async () => {
    await start();
    const deal = await h.client.crm.deals.basicApi.create({ properties: { dealname: 'Mine' }, associations: [] });
    await h.client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: 'contractsent' } });
    await h.sandbox.webhooks?.flush();
    const events = receiver.events();
    const creation = events.find((event) => event.subscriptionType === 'deal.creation');
    expect(creation).toMatchObject({
      portalId: h.sandbox.portalId,
      appId: APP_ID,
      objectId: Number(deal.id),
      changeFlag: 'NEW',
      changeSource: 'INTEGRATION',
      sourceId: String(APP_ID),
      attemptNumber: 0,
      occurredAt: clock.now(),
    });
    expect(creation).toEqual(
      expect.objectContaining({ eventId: expect.any(Number), subscriptionId: expect.any(Number) }),
    );
    const stageChange = events.find(
      (event) =>
        event.subscriptionType === 'deal.propertyChange' &&
        event.propertyName === 'dealstage' &&
        event.propertyValue === 'contractsent',
    );
    expect(stageChange).toMatchObject({ changeSource: 'INTEGRATION', sourceId: String(APP_ID) });
  });

  test('a user moving a deal stage in HubSpot (admin route) arrives as CRM_UI with a user source', async () => {
    await start({ subscriptions: [{ subscriptionType: 'deal.propertyChange', propertyName: 'dealstage' }] });
    const deal = h.sandbox.state.listObjects('deals')[0];
    const response = await h.http('PATCH', `/__sandbox/objects/deals/${deal?.id ?? ''}`, {
      token: null,
      body: { properties: { dealstage: 'closedwon' }, userId: 42 },
    });
    expect(response.status).toBe(200);
    await h.sandbox.webhooks?.flush();
    expect(
      receiver
        .events()
        .map((event) => [
          event.subscriptionType,
          event.objectId,
          event.propertyName,
          event.propertyValue,
          event.changeSource,
          event.sourceId,
        ]),
    ).toEqual([['deal.propertyChange', Number(deal?.id), 'dealstage', 'closedwon', 'CRM_UI', 'userId:42']]);
  });

  test('subscriptions filter events: a dealstage subscription ignores amount changes', async () => {
    await start({ subscriptions: [{ subscriptionType: 'deal.propertyChange', propertyName: 'dealstage' }] });
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'x', dealstage: 'qualifiedtobuy' },
      associations: [],
    });
    await h.client.crm.deals.basicApi.update(deal.id, { properties: { amount: '5' } });
    await h.sandbox.webhooks?.flush();
    expect(receiver.events().map((event) => event.propertyValue)).toEqual(['qualifiedtobuy']);
  });

  test('events are delivered in JSON array batches of at most 100', async () => {
    // A long gathering delay keeps all 150 events pending until flush, so chunking has to split them.
    await start({
      subscriptions: [{ subscriptionType: 'object.creation', objectTypeId: '0-7' }],
      delivery: { batchDelayMs: 60_000 },
    });
    const inputs = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        properties: { name: `${prefix}${index}`, price: '1' },
        associations: [],
      }));
    await h.client.crm.products.batchApi.create({ inputs: inputs('a', 100) });
    await h.client.crm.products.batchApi.create({ inputs: inputs('b', 50) });
    await h.sandbox.webhooks?.flush();
    const sizes = receiver.received.map((delivery) => delivery.events.length).sort((a, b) => b - a);
    expect(sizes).toEqual([100, 50]);
    expect(
      receiver.events().every((event) => event.subscriptionType === 'object.creation' && event.objectTypeId === '0-7'),
    ).toBe(true);
    expect(new Set(receiver.events().map((event) => event.eventId)).size).toBe(150);
  });

  test('a non-2xx answer is retried with attemptNumber + 1, the same events and a fresh valid signature', async () => {
    await start({ subscriptions: [{ subscriptionType: 'deal.creation' }] });
    receiver.statuses.push(500);
    await h.client.crm.deals.basicApi.create({ properties: { dealname: 'Retry me' }, associations: [] });
    await h.sandbox.webhooks?.flush();
    expect(
      receiver.received.map((delivery) => delivery.events.map((event) => [event.eventId, event.attemptNumber])),
    ).toEqual([[[1, 0]], [[1, 1]]]);
    const retry = receiver.received[1];
    expect(
      retry &&
        verifyHubSpotSignature({
          method: 'POST',
          uri: receiver.url,
          rawBody: retry.rawBody,
          headers: retry.headers,
          clientSecret: SECRET,
          nowMs: clock.now(),
        }).ok,
    ).toBe(true);
    expect(h.sandbox.webhooks?.deliveries().map((delivery) => delivery.status)).toEqual([500, 204]);
  });

  test('quotes use generic object.* subscriptions carrying objectTypeId 0-14', async () => {
    await start({
      subscriptions: [{ subscriptionType: 'object.propertyChange', objectTypeId: '0-14', propertyName: 'hs_status' }],
    });
    await h.client.crm.quotes.basicApi.create({
      properties: { hs_title: 'Q', hs_expiration_date: '2026-12-31' },
      associations: [],
    });
    await h.sandbox.webhooks?.flush();
    expect(
      receiver
        .events()
        .map((event) => [event.subscriptionType, event.objectTypeId, event.propertyName, event.propertyValue]),
    ).toEqual([['object.propertyChange', '0-14', 'hs_status', 'DRAFT']]);
  });
});
