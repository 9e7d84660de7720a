import { sql, type Kysely } from 'kysely';

/** Installs and security: install metadata on portals, app roles per HubSpot user. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('portals')
    .addColumn('features', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('installed_by_user_id', 'bigint')
    .addColumn('uninstall_reason', 'text')
    .addColumn('data_delete_after', 'timestamptz')
    .addColumn('data_deleted_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('portal_user_roles')
    .addColumn('portal_id', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'approver')`))
    .addColumn('granted_by_user_id', 'bigint')
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('portal_user_roles_pk', ['portal_id', 'user_id', 'role'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('portal_user_roles').ifExists().execute();
  for (const column of [
    'features',
    'installed_by_user_id',
    'uninstall_reason',
    'data_delete_after',
    'data_deleted_at',
  ]) {
    await db.schema.alterTable('portals').dropColumn(column).execute();
  }
}
