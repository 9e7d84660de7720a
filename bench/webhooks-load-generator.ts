import { parentPort, workerData } from 'node:worker_threads';
import { signV3 } from '../src/kernel/http/signature-digests.ts';

/**
 * Runs in a worker thread so signing/serialising does not share the event loop with the server:
 * `concurrency` loops each POST signed 100-event batches until `seconds` pass, like HubSpot
 * (batches of up to 100, up to 10 requests in flight).
 */
export interface LoadOptions {
  url: string;
  secret: string;
  publicBaseUrl: string;
  portalId: number;
  seconds: number;
  concurrency: number;
  batchSize: number;
  firstEventId: number;
}

export interface LoadResult {
  batchesAccepted: number;
  eventsSent: number;
  non2xx: number;
  errors: number;
  lastEventId: number;
  latenciesMs: number[];
  elapsedMs: number;
}

async function run(options: LoadOptions): Promise<LoadResult> {
  let nextEventId = options.firstEventId;
  const result: LoadResult = {
    batchesAccepted: 0,
    eventsSent: 0,
    non2xx: 0,
    errors: 0,
    lastEventId: 0,
    latenciesMs: [],
    elapsedMs: 0,
  };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  async function loop(): Promise<void> {
    while (performance.now() < deadline) {
      const events = [];
      for (let i = 0; i < options.batchSize; i += 1) {
        const eventId = nextEventId;
        nextEventId += 1;
        events.push({
          eventId,
          subscriptionId: 1_000_003,
          portalId: options.portalId,
          appId: 4242,
          occurredAt: 1_800_000_000_000 + eventId,
          subscriptionType: 'deal.propertyChange',
          attemptNumber: 0,
          objectId: 10_000 + (eventId % 1000),
          propertyName: 'amount',
          propertyValue: String(eventId % 5000),
          changeSource: 'CRM_UI',
          sourceId: 'userId:1',
        });
      }
      const body = JSON.stringify(events);
      const timestamp = String(Date.now());
      const signature = signV3({
        clientSecret: options.secret,
        method: 'POST',
        uri: `${options.publicBaseUrl}/webhooks/hubspot`,
        rawBody: body,
        timestamp,
      });
      const t0 = performance.now();
      try {
        const response = await fetch(`${options.url}/webhooks/hubspot`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hubspot-signature-v3': signature,
            'x-hubspot-request-timestamp': timestamp,
          },
          body,
        });
        await response.arrayBuffer();
        result.latenciesMs.push(performance.now() - t0);
        if (response.status === 200) {
          result.batchesAccepted += 1;
          result.eventsSent += events.length;
        } else result.non2xx += 1;
      } catch {
        result.errors += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  result.elapsedMs = performance.now() - started;
  result.lastEventId = nextEventId - 1;
  return result;
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as LoadOptions).then((result) => port.postMessage(result));
}
