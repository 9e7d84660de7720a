import { reencryptAllTokens } from '../../modules/tenancy/index.ts';
import { loadTokenCipher, rotateLocalKeyFile } from '../../modules/tenancy/index.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseCliArgs } from '../cli-args.ts';
import { usageError, withCliDatabase } from './security-cli-support.ts';

const USAGE = 'cpq keys rotate';

/**
 * `npx cpq keys rotate`: re-encrypts every stored token under the current key.
 * With ENCRYPTION_KEY set, the operator first sets the new key as ENCRYPTION_KEY and the old one in
 * ENCRYPTION_PREVIOUS_KEYS; in local mode (generated key file) the command generates the new key
 * itself and keeps the old one in DATA_DIR/encryption.key.previous. Prints counts and key ids,
 * never keys.
 */
export const keysCommand: CliCommand = {
  name: 'keys',
  summary: 'Token encryption keys: rotate (re-encrypt all stored tokens with the current/new key)',
  usage: USAGE,
  async run(args, io) {
    const { positionals } = parseCliArgs(args, { code: 'KEYS_ARGS_INVALID', usage: USAGE, options: {} });
    if (positionals.length !== 1 || positionals[0] !== 'rotate')
      throw usageError('KEYS_ARGS_INVALID', USAGE, 'Expected: rotate');
    const report = await withCliDatabase(io, async (config, database) => {
      const generated = !config.encryptionKey;
      if (generated) await rotateLocalKeyFile(config.dataDir);
      const cipher = await loadTokenCipher(config);
      return { ...(await reencryptAllTokens(database.db, cipher)), generatedNewKey: generated };
    });
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
};
