import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from './app-config.ts';

/** DATA_DIR/sandbox-client-secret: the signing secret of sandbox mode, generated once per DATA_DIR. */
export const SANDBOX_SECRET_FILE = 'sandbox-client-secret';

export function sandboxSecretPath(dataDir: string): string {
  return join(dataDir, SANDBOX_SECRET_FILE);
}

/**
 * Sandbox mode has no HubSpot app secret, yet requests are still signed with one (the local
 * sandbox signs its webhooks and card calls with it). A constant in the source would let anyone
 * sign requests to a developer's server; a random secret per DATA_DIR (mode 0600) does not.
 * Tools (the sandbox, benches, tests) read the file.
 */
export async function resolveSandboxSecret(dataDir: string): Promise<string> {
  const path = sandboxSecretPath(dataDir);
  try {
    const stored = (await readFile(path, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(stored)) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  // 'wx': a secret another process wrote in the meantime wins; a malformed file is replaced.
  await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
    const stored = (await readFile(path, 'utf8')).trim();
    if (!/^[0-9a-f]{64}$/.test(stored)) await writeFile(path, `${secret}\n`, { mode: 0o600 });
  });
  return (await readFile(path, 'utf8')).trim();
}

/** The configuration with sandbox mode's signing secret read from (or generated into) DATA_DIR. */
export async function withSandboxSecret(config: AppConfig): Promise<AppConfig> {
  if (!config.hubspot.sandbox) return config;
  return { ...config, hubspot: { ...config.hubspot, clientSecret: await resolveSandboxSecret(config.dataDir) } };
}
