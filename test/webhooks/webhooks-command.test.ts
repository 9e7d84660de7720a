import { memoryIo } from '../support/memory-io.ts';
import type { CliIo } from '../../src/cli/cli-command.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { createWebhooksCommand } from '../../src/cli/commands/webhooks-command.ts';
import type { PortalId } from '../../src/kernel/db/portal-id.ts';
import { isAppError } from '../../src/kernel/errors/app-error.ts';
import { toErrorBody } from '../../src/kernel/errors/error-body.ts';
import { EXIT_CODE_BY_KIND } from '../../src/kernel/errors/error-status.ts';
import { WEBHOOK_PROCESS_QUEUE } from '../../src/integrations/hubspot/webhooks/webhook-intake.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

const PORTAL = 8800 as PortalId;

function io() {
  const { io: cliIo, out } = memoryIo();
  return { cliIo, out };
}

describe(`cpq webhooks list / retry on ${DATABASE_LABEL}`, () => {
  let database: TestDatabase;
  let failedId: number;
  const command = () =>
    createWebhooksCommand(async () => ({
      database: { ...database, close: async () => undefined },
      databaseUrl: database.url,
    }));

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insertInto('portals').values({ portal_id: PORTAL, status: 'installed', scopes: '' }).execute();
    const base = {
      portal_id: PORTAL,
      subscription_id: 1,
      subscription_type: 'object.propertyChange',
      object_type_id: '0-7',
      object_id: '42',
      payload: '{}',
    };
    const rows = await database.db
      .insertInto('webhook_inbox')
      .values([
        { ...base, event_id: 1, occurred_at: 10, status: 'done', outcome: 'product-updated', attempts: 1 },
        {
          ...base,
          event_id: 2,
          occurred_at: 20,
          status: 'failed',
          outcome: 'dead-letter',
          attempts: 5,
          last_error: 'catalog unavailable',
        },
      ])
      .returning('id')
      .execute();
    failedId = Number(rows[1]?.id);
  });
  afterAll(async () => database.drop());

  test('list --failed prints the dead-lettered events as JSON lines, nothing else', async () => {
    const { cliIo, out } = io();
    expect(await command().run(['list', '--failed'], cliIo)).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        id: failedId,
        portalId: PORTAL,
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-7',
        objectId: '42',
        occurredAt: 20,
        status: 'failed',
        outcome: 'dead-letter',
        attempts: 5,
        lastError: 'catalog unavailable',
      },
    ]);
  });

  test('retry <id> puts the event back to pending with a fresh attempt count and one processing job', async () => {
    const { cliIo, out } = io();
    expect(await command().run(['retry', String(failedId)], cliIo)).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      id: failedId,
      status: 'pending',
      attempts: 0,
      outcome: null,
      lastError: null,
    });
    const jobs = await database.executor.executeSql(`select data from ${database.jobSchema}.job where name = $1`, [
      WEBHOOK_PROCESS_QUEUE,
    ]);
    expect(jobs.rows).toEqual([{ data: { portalId: PORTAL, ids: [failedId] } }]);
  });

  test('retry of a done event exits 5 (conflict); an unknown id exits 4; bad usage exits 2 with the error JSON', async () => {
    const done = io();
    expect(await runCliWith(['retry', String(failedId - 1)], done.cliIo)).toBe(5);
    expect(JSON.parse(done.out.stderr).error.code).toBe('WEBHOOK_EVENT_NOT_RETRYABLE');
    const unknown = io();
    expect(await runCliWith(['retry', '999999'], unknown.cliIo)).toBe(4);
    const usage = io();
    expect(await runCli(['webhooks', 'retry', 'abc'], usage.cliIo)).toBe(2);
    expect(usage.out.stdout).toBe('');
    expect(JSON.parse(usage.out.stderr).error.code).toBe('CLI_WEBHOOKS_USAGE');
  });

  /** The same error mapping as runCli, around the command bound to the test database. */
  async function runCliWith(args: string[], cliIo: CliIo): Promise<number> {
    try {
      return await command().run(args, cliIo);
    } catch (error) {
      cliIo.stderr.write(JSON.stringify(toErrorBody(error)));
      return isAppError(error) ? EXIT_CODE_BY_KIND[error.kind] : 1;
    }
  }
});
