import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../../kernel/config/app-config.ts';
import { ENCRYPTION_KEY_FILE, resolveEncryptionKey } from '../../kernel/config/encryption-key.ts';
import { createTokenCipher, type TokenCipher } from './token-cipher.ts';

/** Local mode keeps earlier generated keys here (one base64 key per line) after `cpq keys rotate`. */
export const PREVIOUS_KEYS_FILE = 'encryption.key.previous';

async function readPreviousKeyFile(dataDir: string): Promise<Buffer[]> {
  try {
    const text = await readFile(join(dataDir, PREVIOUS_KEYS_FILE), 'utf8');
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => Buffer.from(line, 'base64'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The keyring: ENCRYPTION_KEY (or the generated local key) encrypts; ENCRYPTION_PREVIOUS_KEYS and,
 * in local mode, DATA_DIR/encryption.key.previous only decrypt.
 */
export async function loadTokenCipher(
  config: Pick<AppConfig, 'encryptionKey' | 'encryptionPreviousKeys' | 'dataDir'>,
): Promise<TokenCipher> {
  const current = await resolveEncryptionKey({ configured: config.encryptionKey, dataDir: config.dataDir });
  const previous: Buffer[] = config.encryptionPreviousKeys.map((key) => Buffer.from(key, 'base64'));
  if (!config.encryptionKey) previous.push(...(await readPreviousKeyFile(config.dataDir)));
  return createTokenCipher(current, previous);
}

/**
 * Local mode only (no ENCRYPTION_KEY): a new generated key becomes current and the old one is
 * appended to encryption.key.previous, so a server still running with the old key keeps working
 * until the rows are re-encrypted (and afterwards reads the new key on its next start).
 */
export async function rotateLocalKeyFile(dataDir: string): Promise<void> {
  await resolveEncryptionKey({ configured: undefined, dataDir });
  const currentPath = join(dataDir, ENCRYPTION_KEY_FILE);
  const old = (await readFile(currentPath, 'utf8')).trim();
  const previous = await readPreviousKeyFile(dataDir);
  const lines = [...previous.map((key) => key.toString('base64')), old];
  await writeFile(join(dataDir, PREVIOUS_KEYS_FILE), `${lines.join('\n')}\n`, { mode: 0o600 });
  const next = join(dataDir, `${ENCRYPTION_KEY_FILE}.next`);
  await writeFile(next, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  await rename(next, currentPath);
}
