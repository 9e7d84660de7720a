import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../kernel/errors/app-error.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

/**
 * AES-256-GCM for OAuth tokens at rest (docs/security.md). Each ciphertext is `v1.<iv>.<tag>.<data>`
 * (base64url; 12-byte random IV, 16-byte tag) and the row stores the id of the key that wrote it,
 * so a rotation can find what is still under an old key. The key id is a fingerprint
 * (first 16 hex digits of SHA-256 of the key): it identifies a key without revealing it.
 */
export interface TokenCipher {
  /** Id of the key new ciphertexts are written with. */
  readonly currentKeyId: string;
  encrypt(plaintext: string): { keyId: string; ciphertext: string };
  /** Throws `internal` TOKEN_KEY_UNKNOWN when the key is not in the keyring, TOKEN_DECRYPT_FAILED on tampering. */
  decrypt(keyId: string, ciphertext: string): string;
}

const VERSION = 'v1';

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** `current` encrypts; `previous` keys only decrypt (a rotation in progress). */
export function createTokenCipher(current: Buffer, previous: readonly Buffer[] = []): TokenCipher {
  for (const key of [current, ...previous]) {
    if (key.length !== 32)
      throw new AppError('internal', TENANCY_ERROR.TOKEN_KEY_INVALID, 'Encryption keys must be 32 bytes');
  }
  const keys = new Map<string, Buffer>();
  for (const key of [...previous, current]) keys.set(keyIdOf(key), key);
  const currentKeyId = keyIdOf(current);
  return {
    currentKeyId,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url'));
      return { keyId: currentKeyId, ciphertext: [VERSION, ...parts].join('.') };
    },
    decrypt(keyId, ciphertext) {
      const key = keys.get(keyId);
      if (!key)
        throw new AppError(
          'internal',
          TENANCY_ERROR.TOKEN_KEY_UNKNOWN,
          `No encryption key with id ${keyId} is configured`,
        );
      const [version, iv, tag, data] = ciphertext.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) {
        throw new AppError('internal', TENANCY_ERROR.TOKEN_DECRYPT_FAILED, 'Stored token has an unknown format');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new AppError('internal', TENANCY_ERROR.TOKEN_DECRYPT_FAILED, 'Stored token failed authentication');
      }
    },
  };
}
