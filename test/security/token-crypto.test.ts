import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../../src/kernel/config/app-config.ts';
import {
  featuresFor,
  missingRequiredScopes,
  OPTIONAL_SCOPES,
  REQUIRED_SCOPES,
} from '../../src/modules/tenancy/app-scopes.ts';
import { OAUTH_STATE_TTL_MS, signOAuthState, verifyOAuthState } from '../../src/modules/tenancy/oauth-state.ts';
import { createTokenCipher, keyIdOf } from '../../src/modules/tenancy/token-cipher.ts';

const key1 = randomBytes(32);
const key2 = randomBytes(32);

describe('AES-256-GCM token cipher', () => {
  test('round-trips, never contains the plaintext, uses a fresh IV each time and names its key by fingerprint', () => {
    const cipher = createTokenCipher(key1);
    const a = cipher.encrypt('sandbox-rt-secret-token');
    const b = cipher.encrypt('sandbox-rt-secret-token');
    expect(a.keyId).toBe(keyIdOf(key1));
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.ciphertext).not.toContain('secret');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(cipher.decrypt(a.keyId, a.ciphertext)).toBe('sandbox-rt-secret-token');
  });

  test('a tampered ciphertext or tag fails authentication (TOKEN_DECRYPT_FAILED), an unknown key id is TOKEN_KEY_UNKNOWN', () => {
    const cipher = createTokenCipher(key1);
    const { keyId, ciphertext } = cipher.encrypt('token');
    const parts = ciphertext.split('.');
    const flipped = Buffer.from(parts[3] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tampered = [parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.');
    expect(() => cipher.decrypt(keyId, tampered)).toThrow(expect.objectContaining({ code: 'TOKEN_DECRYPT_FAILED' }));
    expect(() => cipher.decrypt(keyId, 'v1.x')).toThrow(expect.objectContaining({ code: 'TOKEN_DECRYPT_FAILED' }));
    expect(() => cipher.decrypt(keyIdOf(key2), ciphertext)).toThrow(
      expect.objectContaining({ code: 'TOKEN_KEY_UNKNOWN' }),
    );
  });

  test('during a rotation the previous key still decrypts while the new key encrypts', () => {
    const old = createTokenCipher(key1).encrypt('token');
    const rotating = createTokenCipher(key2, [key1]);
    expect(rotating.currentKeyId).toBe(keyIdOf(key2));
    expect(rotating.decrypt(old.keyId, old.ciphertext)).toBe('token');
    expect(rotating.encrypt('token').keyId).toBe(keyIdOf(key2));
  });

  test('ENCRYPTION_PREVIOUS_KEYS is a comma-separated list of 32-byte base64 keys; UNINSTALL_RETENTION_DAYS defaults to 30', () => {
    const config = loadConfig({ ENCRYPTION_PREVIOUS_KEYS: `${key1.toString('base64')}, ${key2.toString('base64')}` });
    expect(config.encryptionPreviousKeys).toEqual([key1.toString('base64'), key2.toString('base64')]);
    expect(config.uninstallRetentionDays).toBe(30);
    expect(loadConfig({ UNINSTALL_RETENTION_DAYS: '0.5' }).uninstallRetentionDays).toBe(0.5);
    expect(() => loadConfig({ ENCRYPTION_PREVIOUS_KEYS: 'short' })).toThrow(/ENCRYPTION_PREVIOUS_KEYS/);
    expect(() => loadConfig({ UNINSTALL_RETENTION_DAYS: '-1' })).toThrow(/UNINSTALL_RETENTION_DAYS/);
  });
});

describe('OAuth state', () => {
  const key = randomBytes(32);
  const now = 1_800_000_000_000;

  test('a state verifies until it expires after 10 minutes', () => {
    const state = signOAuthState(key, now);
    expect(() => verifyOAuthState(key, state, now + OAUTH_STATE_TTL_MS)).not.toThrow();
    expect(() => verifyOAuthState(key, state, now + OAUTH_STATE_TTL_MS + 1)).toThrow(
      expect.objectContaining({ code: 'OAUTH_STATE_INVALID', kind: 'validation' }),
    );
  });

  test('a state signed with another key, or with an edited payload, is refused', () => {
    const state = signOAuthState(key, now);
    expect(() => verifyOAuthState(randomBytes(32), state, now)).toThrow(
      expect.objectContaining({ code: 'OAUTH_STATE_INVALID' }),
    );
    const [, mac] = state.split('.');
    const forged = `${Buffer.from(JSON.stringify({ n: 'x', e: now + 10 ** 12 })).toString('base64url')}.${mac}`;
    expect(() => verifyOAuthState(key, forged, now)).toThrow(expect.objectContaining({ code: 'OAUTH_STATE_INVALID' }));
    for (const junk of ['', '.', 'a.b.c', '%%%.%%%'])
      expect(() => verifyOAuthState(key, junk, now)).toThrow(expect.objectContaining({ code: 'OAUTH_STATE_INVALID' }));
  });
});

describe('app scopes', () => {
  test('required and optional scopes are exactly those of extensions/app/app-hsmeta.json', async () => {
    const meta = JSON.parse(await readFile('extensions/app/app-hsmeta.json', 'utf8')) as {
      config: { auth: { requiredScopes: string[]; optionalScopes: string[] } };
    };
    expect([...REQUIRED_SCOPES].sort()).toEqual([...meta.config.auth.requiredScopes].sort());
    expect([...OPTIONAL_SCOPES].sort()).toEqual([...meta.config.auth.optionalScopes].sort());
  });

  test('a feature is on only when all its optional scopes were granted', () => {
    expect(featuresFor([...REQUIRED_SCOPES, 'crm.objects.invoices.read'])).toEqual([]);
    expect(
      featuresFor([
        ...REQUIRED_SCOPES,
        'crm.objects.invoices.read',
        'crm.objects.invoices.write',
        'marketing.campaigns.read',
      ]),
    ).toEqual(['native-invoices', 'campaign-attribution']);
    expect(missingRequiredScopes(['oauth'])).toHaveLength(REQUIRED_SCOPES.length - 1);
  });
});
