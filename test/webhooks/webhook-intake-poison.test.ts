import { Router, type NextFunction, type Request, type Response } from 'express';
import { sql } from 'kysely';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { createJobQueue, type JobQueue } from '../../src/kernel/jobs/job-queue.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import {
  WEBHOOK_PROCESS_QUEUE,
  WEBHOOK_PROCESS_QUEUE_DEFINITION,
} from '../../src/integrations/hubspot/webhooks/webhook-intake.ts';
import { webhookIntakeRouter } from '../../src/integrations/hubspot/webhooks/webhook-intake-route.ts';
import { quoteUnsafeIntegers } from '../../src/kernel/http/lossless-json-ids.ts';
import { startHttpHarness, type HttpHarness } from '../support/http-harness.ts';
import { DATABASE_LABEL } from '../support/test-database.ts';

const PORTAL = 62516;

function hubspotEvent(eventId: number | string, extra: Record<string, unknown> = {}) {
  return {
    eventId,
    subscriptionId: 12345,
    portalId: PORTAL,
    occurredAt: 1_564_113_600_000,
    subscriptionType: 'deal.propertyChange',
    objectId: 500,
    propertyName: 'amount',
    propertyValue: '10',
    changeSource: 'CRM_UI',
    ...extra,
  };
}

describe(`webhook intake keeps good events and exact ids (${DATABASE_LABEL})`, () => {
  let harness: HttpHarness;
  let jobs: JobQueue;
  let inner: Router | undefined;

  beforeAll(async () => {
    const lazy = Router();
    lazy.use((req: Request, res: Response, next: NextFunction) => (inner ? inner(req, res, next) : next()));
    harness = await startHttpHarness({ webhookRouters: [lazy] });
    jobs = createJobQueue({
      database: harness.database,
      databaseUrl: harness.database.url,
      logger: createLogger({ level: 'silent' }),
    });
    await jobs.start();
    await jobs.defineQueue(WEBHOOK_PROCESS_QUEUE_DEFINITION);
    inner = webhookIntakeRouter({ db: harness.database.db, jobs, logger: createLogger({ level: 'silent' }) });
    await harness.database.db
      .insertInto('portals')
      .values({ portal_id: PORTAL, status: 'installed', scopes: '' })
      .execute();
  });
  afterAll(async () => {
    await jobs.stop(1000);
    await harness.close();
  });
  beforeEach(async () => {
    await harness.database.db
      .deleteFrom('webhook_inbox')
      .where('portal_id', '=', PORTAL as PortalId)
      .execute();
    await sql`delete from ${sql.table(`${harness.database.jobSchema}.job`)} where name = ${WEBHOOK_PROCESS_QUEUE}`.execute(
      harness.database.db,
    );
  });

  async function rows() {
    return harness.database.db
      .selectFrom('webhook_inbox')
      .select([sql<string>`event_id::text`.as('event_id'), 'status', 'outcome', 'last_error', 'payload'])
      .where('portal_id', '=', PORTAL as PortalId)
      .orderBy('event_id')
      .execute();
  }

  async function queuedIds(): Promise<number[]> {
    const result = await harness.database.executor.executeSql(
      `select data from ${harness.database.jobSchema}.job where name = $1 and (data->>'portalId')::bigint = $2`,
      [WEBHOOK_PROCESS_QUEUE, PORTAL],
    );
    return (result.rows as Array<{ data: { ids: number[] } }>).flatMap((r) => r.data.ids);
  }

  test('a batch of 100 with one propertyValue "bad\\u0000value": 200, 99 events pending with a job, the bad one stored failed/rejected with the reason', async () => {
    const batch = Array.from({ length: 100 }, (_, i) =>
      hubspotEvent(i + 1, i === 41 ? { propertyValue: 'bad\u0000value' } : {}),
    );
    const response = await harness.signedFetch('POST', '/webhooks/hubspot', { body: JSON.stringify(batch) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 100, stored: 100, duplicates: 0, dropped: 0, rejected: 1 });
    const stored = await rows();
    expect(stored.filter((r) => r.status === 'pending')).toHaveLength(99);
    const rejected = stored.filter((r) => r.status !== 'pending');
    expect(rejected.map((r) => [r.event_id, r.status, r.outcome, r.last_error])).toEqual([
      ['42', 'failed', 'rejected', 'propertyValue contains U+0000 (NUL)'],
    ]);
    expect(rejected[0]?.payload).toMatchObject({ eventId: '42', propertyName: 'amount', rejected: expect.any(String) });
    expect(await queuedIds()).toHaveLength(99);
    // HubSpot's redelivery of the same batch is a no-op, the rejected event included.
    const again = await harness.signedFetch('POST', '/webhooks/hubspot', { body: JSON.stringify(batch) });
    expect(await again.json()).toEqual({ received: 100, stored: 0, duplicates: 100, dropped: 0 });
  });

  test('a lone surrogate and a field nested 40 levels deep are rejected per event, not a 500', async () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i += 1) deep = { deeper: deep };
    const batch = [hubspotEvent(1, { propertyValue: 'x\ud800y' }), hubspotEvent(2, { extra: deep }), hubspotEvent(3)];
    const response = await harness.signedFetch('POST', '/webhooks/hubspot', { body: JSON.stringify(batch) });
    expect(response.status).toBe(200);
    const stored = await rows();
    expect(
      stored.map((r) => [
        r.event_id,
        r.status,
        r.last_error === null ? null : r.last_error.replace(/extra(\.deeper)+/, 'extra…'),
      ]),
    ).toEqual([
      ['1', 'failed', 'propertyValue contains a lone UTF-16 surrogate'],
      ['2', 'failed', 'extra… is nested deeper than 32 levels'],
      ['3', 'pending', null],
    ]);
  });

  test('18-digit eventIds (as JSON numbers or strings) stay distinct; ids above 2^53 are accepted exactly', async () => {
    const ids = ['123456789012345671', '123456789012345672', '123456789012345673'];
    // As numbers in the JSON text, the way HubSpot sends them.
    const body = `[${ids.map((id) => JSON.stringify(hubspotEvent(0)).replace('"eventId":0', `"eventId":${id}`)).join(',')}]`;
    const response = await harness.signedFetch('POST', '/webhooks/hubspot', { body });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { stored: number }).stored).toBe(3);
    const stored = await rows();
    expect(stored.map((r) => r.event_id)).toEqual(ids);
    expect(stored.map((r) => (r.payload as { eventId: unknown }).eventId)).toEqual(ids);
    const asStrings = await harness.signedFetch('POST', '/webhooks/hubspot', {
      body: JSON.stringify([hubspotEvent('9007199254740993')]),
    });
    expect(((await asStrings.json()) as { stored: number }).stored).toBe(1);
    const tooBig = await harness.signedFetch('POST', '/webhooks/hubspot', {
      body: JSON.stringify([hubspotEvent('9223372036854775808')]),
    });
    expect(tooBig.status).toBe(400);
  });

  test('only integer literals beyond 2^53 outside strings are turned into text', () => {
    expect(
      quoteUnsafeIntegers('{"a":123456789012345678,"b":"123456789012345678","c":1.5e300,"d":42,"e":-9007199254740993}'),
    ).toBe('{"a":"123456789012345678","b":"123456789012345678","c":1.5e300,"d":42,"e":"-9007199254740993"}');
    expect(quoteUnsafeIntegers('["x\\"123456789012345678", 9007199254740991]')).toBe(
      '["x\\"123456789012345678", 9007199254740991]',
    );
  });
});
