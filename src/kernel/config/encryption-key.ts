import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.ts';

export const ENCRYPTION_KEY_FILE = 'encryption.key';

/**
 * The 32-byte key that encrypts stored OAuth tokens. From ENCRYPTION_KEY when set; otherwise, in
 * local mode only, read from (or generated once into) DATA_DIR/encryption.key with mode 0600 so a
 * restart can still decrypt what the last run stored. Production must pass ENCRYPTION_KEY (the
 * config schema enforces that).
 */
export async function resolveEncryptionKey(options: {
  configured: string | undefined;
  dataDir: string;
}): Promise<Buffer> {
  if (options.configured) return Buffer.from(options.configured, 'base64');
  const path = join(options.dataDir, ENCRYPTION_KEY_FILE);
  try {
    const stored = (await readFile(path, 'utf8')).trim();
    const key = Buffer.from(stored, 'base64');
    if (key.length !== 32) {
      throw new AppError(
        'validation',
        'CONFIG_INVALID',
        `Invalid configuration: ${path} does not hold a 32-byte base64 key`,
      );
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(options.dataDir, { recursive: true });
  // 'wx': never overwrite a key another process wrote in the meantime.
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(
    async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return resolveEncryptionKey(options);
}
