import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logging/logger.ts';

/**
 * DATA_DIR holds the embedded database (roles, tokens), the generated encryption key and the
 * sandbox secret: owner-only, directories 0700 and files 0600. New files get that from the process
 * umask (Node "process.umask"); files created under a looser umask by an earlier run are tightened
 * at start, with a warning naming how many were loosened.
 */
export const OWNER_ONLY_UMASK = 0o077;

/** New files and directories of this process: no group/other bits, whatever umask it started with. */
export function restrictProcessUmask(): void {
  process.umask(process.umask() | OWNER_ONLY_UMASK);
}

export interface LoosenedEntry {
  path: string;
  /** The permission bits found (e.g. 0o666). */
  mode: number;
}

/** Sets every directory under `dir` (itself included) to 0700 and every file to 0600; returns what had other bits. */
export async function tightenDataDir(dir: string): Promise<LoosenedEntry[]> {
  const loosened: LoosenedEntry[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const path = pending.pop();
    if (path === undefined) break;
    let info;
    try {
      info = await lstat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    if (info.isSymbolicLink()) continue;
    const mode = info.mode & 0o777;
    const wanted = info.isDirectory() ? 0o700 : 0o600;
    if ((mode & OWNER_ONLY_UMASK) !== 0) {
      loosened.push({ path, mode });
      await chmod(path, wanted);
    }
    if (info.isDirectory()) for (const name of await readdir(path)) pending.push(join(path, name));
  }
  return loosened;
}

/** At start: tighten DATA_DIR and warn clearly when anything in it was open to other users. */
export async function checkDataDirPermissions(dir: string, logger: Logger): Promise<LoosenedEntry[]> {
  const loosened = await tightenDataDir(dir);
  if (loosened.length > 0) {
    logger.warn(
      {
        dataDir: dir,
        loosened: loosened.length,
        examples: loosened.slice(0, 3).map((e) => `${e.path} (${e.mode.toString(8).padStart(4, '0')})`),
      },
      'DATA_DIR had files other users could read or write; set back to owner-only (directories 0700, files 0600)',
    );
  }
  return loosened;
}
