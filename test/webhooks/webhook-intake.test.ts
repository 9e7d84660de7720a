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
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';
import { DATABASE_LABEL } from '../support/test-database.ts';

const PORTAL = 62515;
const UNINSTALLED = 777;

function hubspotEvent(eventId: number, extra: Record<string, unknown> = {}) {
  return {
    eventId,
    subscriptionId: 12345,
    portalId: PORTAL,
    appId: 54321,
    occurredAt: 1_564_113_600_000 + eventId,
    subscriptionType: 'deal.propertyChange',
    attemptNumber: 0,
    objectId: 500 + (eventId % 3),
    propertyName: 'amount',
    propertyValue: String(eventId),
    changeSource: 'CRM_UI',
    sourceId: 'userId:1',
    ...extra,
  };
}

describe(`POST /webhooks/hubspot on ${DATABASE_LABEL}`, () => {
  let harness: HttpHarness;
  let jobs: JobQueue;
  let inner: Router | undefined;

  beforeAll(async () => {
    // The harness is created before the job queue exists: delegate to a router set afterwards.
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
      .values([
        { portal_id: PORTAL, status: 'installed', scopes: '' },
        { portal_id: UNINSTALLED, status: 'uninstalled', scopes: '' },
      ])
      .execute();
  });

  afterAll(async () => {
    await jobs.stop(1000);
    await harness.close();
  });

  async function inboxRows(portalId: number) {
    return harness.database.db
      .selectFrom('webhook_inbox')
      .select(['event_id', 'subscription_type', 'object_type_id', 'object_id', 'status', 'payload'])
      .where('portal_id', '=', portalId as PortalId)
      .orderBy('event_id')
      .execute();
  }

  async function jobsFor(portalId: number): Promise<Array<{ ids: number[] }>> {
    const result = await harness.database.executor.executeSql(
      `select data from ${harness.database.jobSchema}.job where name = $1 and (data->>'portalId')::bigint = $2 order by created_on`,
      [WEBHOOK_PROCESS_QUEUE, portalId],
    );
    return (result.rows as Array<{ data: { ids: number[] } }>).map((r) => r.data);
  }

  async function clear(): Promise<void> {
    await harness.database.db.deleteFrom('webhook_inbox').where('portal_id', 'in', [PORTAL, UNINSTALLED]).execute();
    await sql`delete from ${sql.table(`${harness.database.jobSchema}.job`)} where name = ${WEBHOOK_PROCESS_QUEUE}`.execute(
      harness.database.db,
    );
  }

  beforeEach(clear);

  test('a signed batch is stored whole with one processing job (outbox) and answered 200', async () => {
    const batch = [hubspotEvent(1), hubspotEvent(2), hubspotEvent(3)];
    const response = await harness.signedFetch('POST', '/webhooks/hubspot', { body: JSON.stringify(batch) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 3, stored: 3, duplicates: 0, dropped: 0 });
    const rows = await inboxRows(PORTAL);
    expect(rows.map((r) => [r.event_id, r.subscription_type, r.object_type_id, r.object_id, r.status])).toEqual([
      [1, 'deal.propertyChange', '0-3', '501', 'pending'],
      [2, 'deal.propertyChange', '0-3', '502', 'pending'],
      [3, 'deal.propertyChange', '0-3', '500', 'pending'],
    ]);
    const queued = await jobsFor(PORTAL);
    expect(queued).toHaveLength(1);
    expect(queued[0]?.ids).toHaveLength(3);
  });

  test('re-delivery of stored events is a no-op: same rows, no new job (dedupe on portal, subscription, event, occurredAt)', async () => {
    const batch = [hubspotEvent(1), hubspotEvent(2)];
    await harness.signedFetch('POST', '/webhooks/hubspot', { body: JSON.stringify(batch) });
    const again = await harness.signedFetch('POST', '/webhooks/hubspot', {
      body: JSON.stringify([...batch].reverse()),
    });
    expect(await again.json()).toEqual({ received: 2, stored: 0, duplicates: 2, dropped: 0 });
    expect(await inboxRows(PORTAL)).toHaveLength(2);
    expect(await jobsFor(PORTAL)).toHaveLength(1);
    // Same eventId with another occurredAt is a different event (eventId alone is not unique, HubSpot docs "Webhooks API").
    const sameIdLater = await harness.signedFetch('POST', '/webhooks/hubspot', {
      body: JSON.stringify([hubspotEvent(1, { occurredAt: 1_700_000_000_000 })]),
    });
    expect(((await sameIdLater.json()) as { stored: number }).stored).toBe(1);
  });

  test('the eventType spelling is accepted as subscriptionType and unknown fields are kept in the payload', async () => {
    const { subscriptionType: _omit, ...rest } = hubspotEvent(9);
    const event = { ...rest, eventType: 'object.propertyChange', objectTypeId: '0-7', futureField: { nested: true } };
    const response = await harness.signedFetch('POST', '/webhooks/hubspot', { body: JSON.stringify([event]) });
    expect(response.status).toBe(200);
    const [row] = await inboxRows(PORTAL);
    expect(row?.subscription_type).toBe('object.propertyChange');
    expect(row?.object_type_id).toBe('0-7');
    expect(row?.payload).toMatchObject({
      futureField: { nested: true },
      eventType: 'object.propertyChange',
      subscriptionType: 'object.propertyChange',
    });
  });

  test('a malformed batch is 400 naming the field and stores nothing, not even its valid events', async () => {
    const batch = [hubspotEvent(1), { ...hubspotEvent(2), occurredAt: 'yesterday' }];
    const response = await harness.signedFetch('POST', '/webhooks/hubspot', { body: JSON.stringify(batch) });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('WEBHOOK_BATCH_INVALID');
    expect(error.issues.map((i) => i.path)).toContain('1.occurredAt');
    expect(await inboxRows(PORTAL)).toEqual([]);
    expect(await jobsFor(PORTAL)).toEqual([]);
    const noKind = { ...hubspotEvent(3), subscriptionType: undefined };
    const missing = await harness.signedFetch('POST', '/webhooks/hubspot', { body: JSON.stringify([noKind]) });
    expect((await errorOf(missing)).issues).toEqual([
      { path: '0.subscriptionType', message: 'subscriptionType (or eventType) is required' },
    ]);
    const tooMany = await harness.signedFetch('POST', '/webhooks/hubspot', {
      body: JSON.stringify(Array.from({ length: 101 }, (_, i) => hubspotEvent(i + 1))),
    });
    expect(tooMany.status).toBe(400);
    expect(await harness.signedFetch('POST', '/webhooks/hubspot', { body: '{}' }).then((r) => r.status)).toBe(400);
  });

  test('a bad signature is 401 and stores nothing', async () => {
    const response = await harness.signedFetch('POST', '/webhooks/hubspot', {
      body: JSON.stringify([hubspotEvent(1)]),
      secret: 'wrong-secret',
    });
    expect(response.status).toBe(401);
    expect(await inboxRows(PORTAL)).toEqual([]);
  });

  test('events of a portal that is not installed (or unknown) are acknowledged 200 and dropped', async () => {
    const batch = [hubspotEvent(1, { portalId: UNINSTALLED }), hubspotEvent(2, { portalId: 999_999 }), hubspotEvent(3)];
    const response = await harness.signedFetch('POST', '/webhooks/hubspot', { body: JSON.stringify(batch) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 3, stored: 1, duplicates: 0, dropped: 2 });
    expect(await inboxRows(UNINSTALLED)).toEqual([]);
    expect((await inboxRows(PORTAL)).map((r) => r.event_id)).toEqual([3]);
    expect(await jobsFor(UNINSTALLED)).toEqual([]);
  });
});
