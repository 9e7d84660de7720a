import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { foreignWrites, sourceFiles, tableWritesIn, tableWritesUnder } from './table-writes.ts';

const REPO = resolve(import.meta.dirname, '../..');

/**
 * The tables a module declares as its own: every `<NAME>_TABLES` list (not `_TENANT_TABLES`)
 * exported by its `*-tables.ts` files. A module without such a file owns no table.
 */
async function ownedTables(dir: string): Promise<Set<string>> {
  const owned = new Set<string>();
  for (const file of await sourceFiles(join(REPO, dir))) {
    if (!file.endsWith('-tables.ts')) continue;
    const exports: Record<string, unknown> = await import(pathToFileURL(file).href);
    for (const [name, value] of Object.entries(exports)) {
      if (!name.endsWith('_TABLES') || name.endsWith('_TENANT_TABLES') || !Array.isArray(value)) continue;
      for (const table of value) if (typeof table === 'string') owned.add(table);
    }
  }
  return owned;
}

async function writers(): Promise<string[]> {
  const modules = await readdir(join(REPO, 'src/modules'), { withFileTypes: true });
  return [
    ...modules.filter((entry) => entry.isDirectory()).map((entry) => `src/modules/${entry.name}`),
    'src/integrations/hubspot',
  ].sort();
}

describe('a module writes only its own tables', () => {
  test('every insertInto/updateTable/deleteFrom in a module or the integration names a table that folder declares', async () => {
    const offenders: string[] = [];
    for (const dir of await writers()) {
      const owned = await ownedTables(dir);
      for (const write of foreignWrites(await tableWritesUnder(REPO, dir), owned))
        offenders.push(`${write.file}:${write.line} ${write.call}('${write.table}') - not a table of ${dir}`);
    }
    expect(offenders).toEqual([]);
  });

  test('every table of the database is owned by exactly one module or the integration', async () => {
    const owners = new Map<string, string[]>();
    for (const dir of await writers())
      for (const table of await ownedTables(dir)) owners.set(table, [...(owners.get(table) ?? []), dir]);
    expect([...owners].filter(([, dirs]) => dirs.length > 1)).toEqual([]);
    for (const table of ['quotes', 'catalog_products', 'portal_settings', 'audit_log', 'webhook_inbox'])
      expect(owners.get(table)).toHaveLength(1);
  });

  test('the check catches a write to another module table (a quotes file writing catalog_products)', () => {
    const text =
      "await trx\n  .updateTable('catalog_products')\n  .set({ name })\n  .execute();\nawait trx.insertInto('quotes').values(row);";
    const writes = tableWritesIn('src/modules/quotes/bad.ts', text);
    expect(foreignWrites(writes, new Set(['quotes', 'account_pricing']))).toEqual([
      { file: 'src/modules/quotes/bad.ts', line: 2, call: 'updateTable', table: 'catalog_products' },
    ]);
  });
});
