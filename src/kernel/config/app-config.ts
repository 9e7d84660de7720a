import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { issuePath } from '../errors/parse-input.ts';

/**
 * Placeholder secret of sandbox mode until the runtime replaces it with the random per-DATA_DIR
 * secret (sandbox-secret.ts withSandboxSecret; startApp and the CLI always do). It is never used
 * to verify a request.
 */
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret-not-resolved';

/** The sandbox's app id (tools/hubspot-sandbox/hubspot-sandbox.ts SANDBOX_DEFAULT_APP_ID): `sourceId` of our own writes there. */
export const SANDBOX_APP_ID = 4242;

/** The sandbox's OAuth client id (SANDBOX_DEFAULT_CLIENT_ID there), used when HUBSPOT_CLIENT_ID is unset. */
export const SANDBOX_CLIENT_ID = 'sandbox-client-id';

/** The sandbox's demo portal (SANDBOX_DEFAULT_PORTAL_ID there): counts as installed in sandbox mode. */
export const SANDBOX_PORTAL_ID = 12345678;

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().min(1).optional());

const booleanFlag = z.preprocess(
  emptyToUndefined,
  z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
);

const httpOrigin = z
  .string()
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.search;
  }, 'must be an origin such as https://cpq.example.com (no path or query)')
  .transform((value) => new URL(value).origin);

const base64Key = z
  .string()
  .refine((value) => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, 'base64').length === 32, {
    message: 'must be 32 bytes encoded as base64 (44 characters)',
  });

/** Every environment variable of the public contract, plus a few operational ones. */
export const EnvSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./.data')),
    PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, httpOrigin.optional()),
    HUBSPOT_CLIENT_ID: optionalString,
    HUBSPOT_CLIENT_SECRET: optionalString,
    /** The app's HubSpot app id: webhook events whose `sourceId` is it came from our own writes and are ignored. */
    HUBSPOT_APP_ID: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
    HUBSPOT_API_BASE_URL: z.preprocess(emptyToUndefined, httpOrigin.default('https://api.hubapi.com')),
    ENCRYPTION_KEY: z.preprocess(emptyToUndefined, base64Key.optional()),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    /** v1/v2 signatures carry no timestamp and can be replayed: off unless an operator opts in. */
    HUBSPOT_ACCEPT_LEGACY_SIGNATURES: booleanFlag,
    /** Largest JSON body accepted (HubSpot caps hubspot.fetch bodies at 1 MB). */
    BODY_LIMIT_BYTES: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1024).max(50_000_000).default(1_048_576),
    ),
    /** Port of the local HubSpot sandbox started when no HubSpot credentials are set (0 = any free port). */
    SANDBOX_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3900)),
    /**
     * Earlier ENCRYPTION_KEY values (comma-separated base64) still accepted for decryption while
     * `cpq keys rotate` re-encrypts stored tokens under the current key (docs/security.md).
     */
    ENCRYPTION_PREVIOUS_KEYS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .optional()
        .transform((value) =>
          (value ?? '')
            .split(',')
            .map((key) => key.trim())
            .filter((key) => key !== ''),
        )
        .pipe(z.array(base64Key)),
    ),
    /** Days an uninstalled portal's data is kept before the retention job deletes it (fractions allowed). */
    UNINSTALL_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(3650).default(30)),
    SHUTDOWN_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(120_000).default(4_000)),
    /** Our own per-portal HubSpot call budget per rolling 10 s (marketplace apps: 110, HubSpot docs "API usage guidelines and limits"). */
    HUBSPOT_RATE_LIMIT_PER_10S: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(110)),
  })
  .superRefine((env, ctx) => {
    // Several processes share one PostgreSQL database: a key generated per process into its own
    // DATA_DIR would leave each unable to decrypt the others' tokens (docs/security.md).
    // (Zod 4 runs this even when DATABASE_URL itself failed: only a valid URL asks for the key.)
    if (env.DATABASE_URL && /^postgres(ql)?:\/\//.test(env.DATABASE_URL) && !env.ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEY'],
        message: 'is required when DATABASE_URL is set (every process must encrypt tokens with the same key)',
      });
    }
    // A client id without its secret is a half-configured production app, not the sandbox.
    if (env.HUBSPOT_CLIENT_ID && !env.HUBSPOT_CLIENT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['HUBSPOT_CLIENT_SECRET'],
        message: 'is required when HUBSPOT_CLIENT_ID is set (without both, the app runs against the local sandbox)',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'ENCRYPTION_KEY', 'PUBLIC_BASE_URL'] as const) {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when NODE_ENV=production' });
    }
    if (env.PUBLIC_BASE_URL && !env.PUBLIC_BASE_URL.startsWith('https://')) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'must be https when NODE_ENV=production' });
    }
  });

export type Env = z.output<typeof EnvSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  port: number;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  /** Origin signed URIs are rebuilt from; defaults to http://localhost:PORT outside production. */
  publicBaseUrl: string;
  hubspot: {
    clientId: string | undefined;
    clientSecret: string;
    apiBaseUrl: string;
    /** True when no credentials were given: the app runs against the local HubSpot sandbox. */
    sandbox: boolean;
    sandboxPort: number;
    acceptLegacySignatures: boolean;
    /** HUBSPOT_APP_ID; in sandbox mode defaults to the sandbox's app id. Unset = no own-write detection. */
    appId: number | undefined;
    /** Requests per portal per rolling 10 s that the app's own limiter allows (search has its own 5/s lane). */
    rateLimitPer10s: number;
  };
  /** Base64 key from the environment; undefined means "generate or read it from DATA_DIR". */
  encryptionKey: string | undefined;
  /** Older keys kept for decryption during a key rotation. */
  encryptionPreviousKeys: string[];
  uninstallRetentionDays: number;
  logLevel: Env['LOG_LEVEL'];
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
}

/**
 * Parses the environment once at start-up. A bad value throws a `CONFIG_INVALID` AppError whose
 * message is one line naming the variable: `PORT: Expected number, received "abc"`.
 */
export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
    const line = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new AppError('validation', 'CONFIG_INVALID', `Invalid configuration: ${line}`, { issues });
  }
  const env = result.data;
  const sandbox = !env.HUBSPOT_CLIENT_SECRET;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dataDir: join(env.DATA_DIR, 'pglite') },
    dataDir: env.DATA_DIR,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    hubspot: {
      clientId: env.HUBSPOT_CLIENT_ID,
      clientSecret: env.HUBSPOT_CLIENT_SECRET ?? SANDBOX_CLIENT_SECRET,
      apiBaseUrl: env.HUBSPOT_API_BASE_URL,
      sandbox,
      sandboxPort: env.SANDBOX_PORT,
      acceptLegacySignatures: env.HUBSPOT_ACCEPT_LEGACY_SIGNATURES,
      appId: env.HUBSPOT_APP_ID ?? (sandbox ? SANDBOX_APP_ID : undefined),
      rateLimitPer10s: env.HUBSPOT_RATE_LIMIT_PER_10S,
    },
    encryptionKey: env.ENCRYPTION_KEY,
    encryptionPreviousKeys: env.ENCRYPTION_PREVIOUS_KEYS,
    uninstallRetentionDays: env.UNINSTALL_RETENTION_DAYS,
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}
