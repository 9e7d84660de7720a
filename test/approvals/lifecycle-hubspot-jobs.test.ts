import nock from 'nock';
import { createHubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { createLifecycleHubSpotJobs } from '../../src/modules/approvals/hubspot/lifecycle-hubspot-jobs.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { useNockInThisFile } from '../support/nock-lifecycle.ts';
import { toPortalId } from '../../src/kernel/db/portal-id.ts';

useNockInThisFile();

const API = 'https://api.hubapi.test';
const PORTAL = toPortalId(101);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);
afterAll(async () => database?.drop());

function jobs() {
  const logger = createLogger({ level: 'silent' });
  const hubspot = createHubSpotClients({
    basePath: API,
    tokens: createStaticTokenProvider(new Map([[101, 'token-101']])),
    logger,
    rateLimitPerWindow: 100,
    retry: { maxRetries: 0 },
  });
  return createLifecycleHubSpotJobs({ db: database.db, hubspot, logger, now: () => Date.UTC(2027, 0, 15) });
}

async function insertRequest(id: string, state: 'pending' | 'approved', quoteId = 'q1') {
  await database.db
    .insertInto('approval_requests')
    .values({
      id,
      portal_id: PORTAL,
      quote_id: quoteId,
      deal_id: '555',
      quote_revision: 2,
      state,
      rules: JSON.stringify([
        { ruleId: 'discount', name: 'Discount', level: 1, approvers: [{ kind: 'user', userId: 20 }], entries: [] },
        { ruleId: 'big', name: 'Big deal', level: 2, approvers: [{ kind: 'user', userId: 42 }], entries: [] },
      ]),
      snapshot_sha256: 'x'.repeat(64),
    })
    .execute();
}

describe('HubSpot side effects of the lifecycle', () => {
  test('accepted deal moves to its pipeline closed-won stage; running the job again writes nothing new', async () => {
    nock(API)
      .get('/crm/v3/objects/deals/555')
      .query(true)
      .reply(200, { id: '555', properties: { pipeline: 'default', dealstage: 'contractsent' } });
    nock(API)
      .get('/crm/v3/pipelines/deals')
      .reply(200, {
        results: [
          {
            id: 'default',
            stages: [
              { id: 'contractsent', metadata: { isClosed: 'false', probability: '0.9' } },
              { id: 'won-stage', metadata: { isClosed: 'true', probability: '1.0' } },
              { id: 'closedlost', metadata: { isClosed: 'true', probability: '0.0' } },
            ],
          },
        ],
      });
    const patch = nock(API)
      .patch('/crm/v3/objects/deals/555', { properties: { dealstage: 'won-stage' } })
      .reply(200, { id: '555' });
    await jobs().moveAcceptedDeal(PORTAL, '555', 'q1');
    expect(patch.isDone()).toBe(true);

    nock(API)
      .get('/crm/v3/objects/deals/555')
      .query(true)
      .reply(200, { id: '555', properties: { pipeline: 'default', dealstage: 'won-stage' } });
    nock(API)
      .get('/crm/v3/pipelines/deals')
      .reply(200, {
        results: [{ id: 'default', stages: [{ id: 'won-stage', metadata: { isClosed: true, probability: 1 } }] }],
      });
    await jobs().moveAcceptedDeal(PORTAL, '555', 'q1');
    expect(nock.pendingMocks()).toEqual([]);
  });

  test('a task per approver of the current level; re-running creates none twice; decided rules complete theirs', async () => {
    await insertRequest('req-1', 'pending');
    const create = nock(API)
      .post(
        '/crm/v3/objects/tasks',
        (body: { properties: { hubspot_owner_id: string } }) => body.properties.hubspot_owner_id === '20',
      )
      .reply(201, { id: 'task-20' });
    await jobs().syncApprovalTasks(PORTAL, 'req-1');
    await jobs().syncApprovalTasks(PORTAL, 'req-1');
    expect(create.isDone()).toBe(true);

    await database.db
      .insertInto('approval_decisions')
      .values({
        portal_id: PORTAL,
        request_id: 'req-1',
        quote_id: 'q1',
        rule_id: 'discount',
        user_id: 20,
        decision: 'approve',
        comment: null,
        entries: '[]',
      })
      .execute();
    const complete = nock(API)
      .patch('/crm/v3/objects/tasks/task-20', { properties: { hs_task_status: 'COMPLETED' } })
      .reply(200, { id: 'task-20' });
    const next = nock(API)
      .post(
        '/crm/v3/objects/tasks',
        (body: { properties: { hubspot_owner_id: string } }) => body.properties.hubspot_owner_id === '42',
      )
      .reply(201, { id: 'task-42' });
    await jobs().syncApprovalTasks(PORTAL, 'req-1');
    expect([complete.isDone(), next.isDone()]).toEqual([true, true]);
    const rows = await database.db
      .selectFrom('approval_tasks')
      .select(['rule_id', 'user_id', 'hubspot_task_id', 'state'])
      .where('portal_id', '=', PORTAL)
      .orderBy('user_id')
      .execute();
    expect(rows.map((r) => [r.rule_id, Number(r.user_id), r.hubspot_task_id, r.state])).toEqual([
      ['discount', 20, 'task-20', 'completed'],
      ['big', 42, 'task-42', 'open'],
    ]);
  });

  test('a portal without the tasks scope: the job logs and succeeds, approvals carry on', async () => {
    await insertRequest('req-2', 'pending', 'q2');
    nock(API).post('/crm/v3/objects/tasks').reply(403, { category: 'MISSING_SCOPES', message: 'missing scopes' });
    await expect(jobs().syncApprovalTasks(PORTAL, 'req-2')).resolves.toBeUndefined();
  });
});
