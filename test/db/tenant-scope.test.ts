import { toPortalId, type PortalId } from '../../src/kernel/db/portal-id.ts';
import { createTestDatabase, DATABASE_LABEL, type TestDatabase } from '../support/test-database.ts';

/** A repository function in the house style: the portal is a required, branded parameter. */
async function auditActions(database: TestDatabase, portalId: PortalId): Promise<string[]> {
  const rows = await database.db
    .selectFrom('audit_log')
    .select('action')
    .where('portal_id', '=', portalId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.action);
}

describe(`tenant scoping on ${DATABASE_LABEL}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db
      .insertInto('audit_log')
      .values([
        { portal_id: 1, actor_kind: 'system', action: 'a1', entity_type: 't', details: '{}' },
        { portal_id: 2, actor_kind: 'system', action: 'b1', entity_type: 't', details: '{}' },
      ])
      .execute();
  });
  afterAll(() => database.drop());

  test('a scoped query sees only its own portal rows', async () => {
    expect(await auditActions(database, toPortalId(1))).toEqual(['a1']);
    expect(await auditActions(database, toPortalId(2))).toEqual(['b1']);
  });

  test('a repository call without a portal id does not compile', async () => {
    // @ts-expect-error -- the portal id is required: forgetting it is a compile error (checked by `npm run typecheck`)
    const call = () => auditActions(database);
    expect(typeof call).toBe('function');
  });

  test('a raw number is not a PortalId: it must come through toPortalId', () => {
    // @ts-expect-error -- plain numbers are not accepted where a verified PortalId is required
    const call = () => auditActions(database, 1);
    expect(typeof call).toBe('function');
  });

  test('a SELECT on a tenant table without portal_id in WHERE throws before reaching the database', async () => {
    await expect(database.db.selectFrom('audit_log').selectAll().execute()).rejects.toMatchObject({
      code: 'TENANT_SCOPE_MISSING',
    });
    await expect(
      database.db.selectFrom('audit_log').selectAll().where('action', '=', 'a1').execute(),
    ).rejects.toMatchObject({
      code: 'TENANT_SCOPE_MISSING',
    });
  });

  test('UPDATE and DELETE without portal_id throw and change nothing', async () => {
    await expect(database.db.updateTable('audit_log').set({ action: 'hijacked' }).execute()).rejects.toMatchObject({
      code: 'TENANT_SCOPE_MISSING',
    });
    await expect(database.db.deleteFrom('audit_log').where('action', '=', 'b1').execute()).rejects.toMatchObject({
      code: 'TENANT_SCOPE_MISSING',
    });
    expect(await auditActions(database, toPortalId(1))).toEqual(['a1']);
    expect(await auditActions(database, toPortalId(2))).toEqual(['b1']);
  });

  test('an INSERT without a portal_id column throws', async () => {
    const unscoped = database.db.insertInto('webhook_inbox').values({
      subscription_id: 1,
      event_id: 1,
      occurred_at: 1,
      subscription_type: 'x',
      payload: '{}',
    } as never);
    await expect(unscoped.execute()).rejects.toMatchObject({ code: 'TENANT_SCOPE_MISSING' });
  });

  test('toPortalId rejects zero, negatives, fractions and non-numeric strings', () => {
    for (const bad of [0, -1, 1.5, 'abc', '01', '', null])
      expect(() => toPortalId(bad)).toThrow('portalId must be a positive integer');
    expect(toPortalId('62515')).toBe(62515);
  });
});
