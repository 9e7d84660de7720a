import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Kysely calls that change a table: the table is the first, literal argument. */
const WRITE = /\.(insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(\s*['"`]([a-z0-9_]+)['"`]/g;

export interface TableWrite {
  file: string;
  line: number;
  call: string;
  table: string;
}

/** Every literal-table write in a source text (line numbers 1-based). */
export function tableWritesIn(file: string, text: string): TableWrite[] {
  const writes: TableWrite[] = [];
  for (const match of text.matchAll(WRITE)) {
    const line = text.slice(0, match.index).split('\n').length;
    writes.push({ file, line, call: match[1] ?? '', table: match[2] ?? '' });
  }
  return writes;
}

/** Writes to a table outside `owned`: each one breaks "a module writes only its own tables". */
export function foreignWrites(writes: readonly TableWrite[], owned: ReadonlySet<string>): TableWrite[] {
  return writes.filter((write) => !owned.has(write.table));
}

export async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export async function tableWritesUnder(repo: string, dir: string): Promise<TableWrite[]> {
  const writes: TableWrite[] = [];
  for (const file of await sourceFiles(join(repo, dir))) {
    writes.push(...tableWritesIn(relative(repo, file), await readFile(file, 'utf8')));
  }
  return writes;
}
