import { Writable } from 'node:stream';
import { createLogger } from '../../src/kernel/logging/logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('log redaction', () => {
  test('tokens, client secrets and the encryption key never reach the log', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        accessToken: 'at-123',
        refresh_token: 'rt-456',
        clientSecret: 'cs-789',
        encryptionKey: 'ek-000',
        install: { access_token: 'at-nested', refreshToken: 'rt-nested', portalId: 62515 },
      },
      'install stored',
    );
    const output = lines.join('');
    for (const secret of ['at-123', 'rt-456', 'cs-789', 'ek-000', 'at-nested', 'rt-nested'])
      expect(output).not.toContain(secret);
    expect(output).toContain('[Redacted]');
    expect(output).toContain('62515');
  });

  test('authorization and signature headers of a logged request are redacted', () => {
    const { lines, logger } = capture();
    logger.info(
      { req: { headers: { authorization: 'Bearer secret-token', 'x-hubspot-signature-v3': 'sig==', host: 'cpq' } } },
      'request',
    );
    const output = lines.join('');
    expect(output).not.toContain('secret-token');
    expect(output).not.toContain('sig==');
    expect(output).toContain('"host":"cpq"');
  });
});
