import { chmod, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { checkDataDirPermissions } from '../../src/kernel/config/data-dir-permissions.ts';
import { openDatabase } from '../../src/kernel/db/open-database.ts';
import { createLogger } from '../../src/kernel/logging/logger.ts';

/** Every entry under `dir` with its permission bits, e.g. ['pglite/base 700', ...]. */
async function modes(dir: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const pending = [dir];
  while (pending.length > 0) {
    const path = pending.pop() as string;
    const info = await lstat(path);
    found.set(path, info.mode & 0o777);
    if (info.isDirectory()) for (const name of await readdir(path)) pending.push(join(path, name));
  }
  return found;
}

const startUmask = process.umask();
afterEach(() => {
  process.umask(startUmask);
});

describe('DATA_DIR is owner-only', () => {
  test('at start, files and directories other users could read or write are set to 0600/0700 with one warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpq-perm-'));
    try {
      await mkdir(join(dir, 'pglite', 'base'), { recursive: true });
      await writeFile(join(dir, 'pglite', 'base', 'roles'), 'x');
      await writeFile(join(dir, 'encryption.key'), 'k');
      await chmod(join(dir, 'pglite', 'base', 'roles'), 0o666);
      await chmod(join(dir, 'pglite'), 0o755);
      await chmod(dir, 0o755);
      const lines: Array<{ level: number; msg: string; loosened?: number }> = [];
      const destination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
          done();
        },
      });
      const loosened = await checkDataDirPermissions(dir, createLogger({ level: 'info', destination }));
      expect(loosened.map((e) => e.mode.toString(8)).sort()).toEqual(['666', '755', '755']);
      for (const [path, mode] of await modes(dir)) {
        expect([path, mode.toString(8)]).toEqual([
          path,
          path.endsWith('roles') || path.endsWith('.key') ? '600' : '700',
        ]);
      }
      expect(lines).toEqual([expect.objectContaining({ level: 40, loosened: 3 })]);
      expect(lines[0]?.msg).toMatch(/owner-only/);
      // Already tight: no warning the second time.
      expect(await checkDataDirPermissions(dir, createLogger({ level: 'info', destination }))).toEqual([]);
      expect(lines).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('PGlite opened in a new DATA_DIR under umask 022 leaves no file or directory open to group or others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpq-perm-pglite-'));
    process.umask(0o022);
    try {
      const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
      await database.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      await database.close();
      const all = await modes(join(dir, 'pglite'));
      expect(all.size).toBeGreaterThan(100);
      const open = [...all].filter(([, mode]) => (mode & 0o077) !== 0);
      expect(open).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
