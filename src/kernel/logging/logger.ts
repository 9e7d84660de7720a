import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths pino replaces with [Redacted]: credentials in headers, bodies and config objects. The
 * signature headers are redacted too: a captured signature plus body is a replayable request
 * within the 5-minute window.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hubspot-signature"]',
  'req.headers["x-hubspot-signature-v3"]',
  'res.headers["set-cookie"]',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.client_secret',
  '*.encryptionKey',
  '*.token',
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'encryptionKey',
];

export function createLogger(
  options: { level: string; destination?: NodeJS.WritableStream } = { level: 'info' },
): Logger {
  const config: LoggerOptions = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    base: { service: 'cpq' },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

export type { Logger };
