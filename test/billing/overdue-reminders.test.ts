import nock from 'nock';
import { createHubSpotClients } from '../../src/integrations/hubspot/hubspot-client-factory.ts';
import { createStaticTokenProvider } from '../../src/integrations/hubspot/static-token-provider.ts';
import { toPortalId, type PortalId } from '../../src/kernel/db/portal-id.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';
import { rebuildContractPlan } from '../../src/modules/billing/contract-plan-service.ts';
import { runInvoices } from '../../src/modules/billing/invoice-run.ts';
import { remindOverdueInvoices } from '../../src/modules/billing/overdue-reminders.ts';
import { useNockInThisFile } from '../support/nock-lifecycle.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { contractView, FakeContractSource, NOW, recordingEvents } from './billing-db-fixtures.ts';

const HUBSPOT = 'https://api.hubapi.test';

describe('collections: overdue invoices become HubSpot tasks for the deal owner', () => {
  useNockInThisFile();
  let database: TestDatabase;
  let portal: PortalId;
  let next = 9000;
  beforeAll(async () => {
    database = await createTestDatabase();
  }, 120_000);
  afterAll(async () => database.drop());
  beforeEach(async () => {
    portal = toPortalId((next += 1));
    const contracts = new FakeContractSource();
    contracts.put(contractView('c1', portal, { dealId: '555' }));
    await rebuildContractPlan({ db: database.db, contracts, now: () => NOW }, portal, 'c1');
    await runInvoices(
      { db: database.db, events: recordingEvents(), now: () => NOW },
      { date: '2026-02-20', portalId: portal },
    );
  });
  const deps = () => {
    const clients = createHubSpotClients({
      basePath: HUBSPOT,
      tokens: createStaticTokenProvider(new Map([[portal, 'token']])),
      logger: createLogger({ level: 'silent' }),
      rateLimitPerWindow: 110,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      timeoutMs: 2_000,
    });
    return { db: database.db, clientFor: (id: PortalId) => clients.forPortal(id), now: () => NOW };
  };

  test('one task per overdue invoice, owned by the deal owner and associated with the deal (216); each invoice chased once', async () => {
    const taskBodies: unknown[] = [];
    nock(HUBSPOT)
      .post('/crm/v3/objects/deals/batch/read')
      .reply(200, { results: [{ id: '555', properties: { hubspot_owner_id: '77' } }] })
      .post('/crm/v3/objects/tasks/batch/create', (body: unknown) => {
        taskBodies.push(body);
        return true;
      })
      .reply(201, { results: [{ id: 't1', properties: { hs_task_subject: 'Overdue invoice INV-2026-000001' } }] })
      .post('/crm/v4/associations/tasks/deals/batch/create', {
        inputs: [
          {
            from: { id: 't1' },
            to: { id: '555' },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 216 }],
          },
        ],
      })
      .reply(201, { results: [] });
    // INV 1 is due 2026-02-14 (overdue on 02-20); INV 2 is due 03-17.
    expect(await remindOverdueInvoices(deps(), portal, '2026-02-20')).toEqual({
      overdue: 1,
      tasksCreated: 1,
      refused: false,
    });
    expect(taskBodies).toEqual([
      {
        inputs: [
          {
            properties: expect.objectContaining({
              hs_task_subject: 'Overdue invoice INV-2026-000001',
              hubspot_owner_id: '77',
              hs_task_body: 'Invoice INV-2026-000001 (1000.00 USD, paid 0.00) was due on 2026-02-14.',
            }),
          },
        ],
      },
    ]);
    expect(nock.isDone()).toBe(true);
    // Next day: already chased, no HubSpot call.
    expect(await remindOverdueInvoices(deps(), portal, '2026-02-21')).toEqual({
      overdue: 0,
      tasksCreated: 0,
      refused: false,
    });
  });

  test('HubSpot refusing tasks (403) degrades: nothing marked, retried the next day', async () => {
    nock(HUBSPOT)
      .post('/crm/v3/objects/deals/batch/read')
      .reply(200, { results: [{ id: '555', properties: { hubspot_owner_id: '77' } }] })
      .post('/crm/v3/objects/tasks/batch/create')
      .reply(403, { status: 'error', category: 'MISSING_SCOPES', message: 'missing crm.objects.tasks.write' });
    expect(await remindOverdueInvoices(deps(), portal, '2026-02-20')).toEqual({
      overdue: 1,
      tasksCreated: 0,
      refused: true,
    });
    const rows = await database.db
      .selectFrom('invoices')
      .select('overdue_notified_at')
      .where('portal_id', '=', portal)
      .where('number', '=', 'INV-2026-000001')
      .execute();
    expect(rows).toEqual([{ overdue_notified_at: null }]);
  });
});
