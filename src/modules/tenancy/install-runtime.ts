import { hkdfSync } from 'node:crypto';
import { SANDBOX_CLIENT_ID, type AppConfig } from '../../kernel/config/app-config.ts';
import type { Database } from '../../kernel/db/open-database.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { TokenProvider } from '../../integrations/hubspot/index.ts';
import type { JobQueue } from '../../kernel/jobs/job-queue.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { createStoredTokenProvider } from './stored-token-provider.ts';
import type { TokenCipher } from './token-cipher.ts';
import { loadTokenCipher } from './token-keyring.ts';
import { createHubSpotOAuthClient, type HubSpotOAuthClient } from './hubspot-oauth-client.ts';
import { authorizeUrl, completeInstall, type InstallContext, type InstallOutcome } from './install-service.ts';
import { findInstall } from './install-repository.ts';
import { uninstallPortal, type UninstallResult } from './portal-uninstall.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

/** Everything the install flow, the token provider, the CLI and the retention job share. */
export interface InstallRuntime {
  cipher: TokenCipher;
  oauth: HubSpotOAuthClient;
  tokens: TokenProvider;
  installDb: Database['db'];
  /** Throws when the runtime was built without a job queue (CLI). */
  installContext: InstallContext;
  /** Customer-initiated (HubSpot refused the refresh token) or app-initiated after the API call. */
  uninstall(portalId: PortalId, reason: 'app' | 'customer', actorUserId?: number | null): Promise<UninstallResult>;
}

export interface InstallRuntimeDeps {
  config: AppConfig;
  database: Database;
  /** Needed by the install flow only (provisioning job); the CLI leaves it out. */
  jobs?: JobQueue;
  events?: Pick<DomainEvents, 'publish'>;
  now: () => number;
}

export function oauthClientId(config: AppConfig): string {
  return config.hubspot.clientId ?? SANDBOX_CLIENT_ID;
}

export function oauthRedirectUri(config: AppConfig): string {
  return `${config.publicBaseUrl}/oauth/callback`;
}

/** HMAC key for the OAuth state, derived from the client secret (never used as-is for anything else). */
export function oauthStateKey(config: AppConfig): Buffer {
  return Buffer.from(hkdfSync('sha256', config.hubspot.clientSecret, 'cpq', 'oauth-state', 32));
}

export async function createInstallRuntime(deps: InstallRuntimeDeps): Promise<InstallRuntime> {
  const { config, database } = deps;
  const cipher = await loadTokenCipher(config);
  const oauth = createHubSpotOAuthClient({
    apiBaseUrl: config.hubspot.apiBaseUrl,
    credentials: {
      clientId: oauthClientId(config),
      clientSecret: config.hubspot.clientSecret,
      redirectUri: oauthRedirectUri(config),
    },
  });
  const uninstall: InstallRuntime['uninstall'] = (portalId, reason, actorUserId = null) =>
    uninstallPortal(database.db, database.jobSchema, portalId, {
      reason,
      actorKind: reason === 'customer' ? 'hubspot' : actorUserId === null ? 'system' : 'user',
      actorUserId,
      now: new Date(deps.now()),
      retentionDays: config.uninstallRetentionDays,
    });
  const tokens = createStoredTokenProvider({
    db: database.db,
    cipher,
    oauth,
    now: deps.now,
    onRevoked: async (portalId) => {
      await uninstall(portalId, 'customer');
    },
  });
  const jobs = deps.jobs;
  return {
    cipher,
    oauth,
    tokens,
    installDb: database.db,
    uninstall,
    get installContext(): InstallContext {
      if (!jobs)
        throw new AppError('internal', TENANCY_ERROR.INSTALL_RUNTIME_NO_JOBS, 'The install flow needs the job queue');
      return { db: database.db, cipher, oauth, jobs, now: deps.now, ...(deps.events ? { events: deps.events } : {}) };
    },
  };
}

/**
 * Sandbox mode: the demo portal is installed through the real code flow (the sandbox's authorize
 * endpoint consents automatically) the first time the app starts, so `npm start` needs no
 * credentials and the stored-token path is the one exercised. A portal uninstalled on purpose
 * stays uninstalled across restarts; one already holding tokens is left as it is.
 */
export async function installSandboxPortal(
  runtime: InstallRuntime,
  config: AppConfig,
  portalId: number,
): Promise<InstallOutcome | undefined> {
  const db = runtime.installDb;
  const existing = await findInstall(db, toPortalId(portalId));
  if (existing?.status === 'uninstalled') return undefined;
  // A row without tokens (another module's placeholder for the demo portal) still needs the install.
  const tokens = await db
    .selectFrom('portal_tokens')
    .select('portal_id')
    .where('portal_id', '=', portalId)
    .executeTakeFirst();
  if (existing && tokens) return undefined;
  const url = new URL(
    authorizeUrl({
      authorizeBaseUrl: `${config.hubspot.apiBaseUrl}/oauth/authorize`,
      clientId: oauthClientId(config),
      redirectUri: oauthRedirectUri(config),
      state: 'server-start',
    }),
  );
  url.searchParams.set('portalId', String(portalId));
  const response = await fetch(url, { redirect: 'manual' });
  const code = new URL(response.headers.get('location') ?? 'http://invalid/').searchParams.get('code');
  if (!code) throw new Error(`Sandbox authorize did not redirect with a code (${response.status})`);
  return completeInstall(runtime.installContext, code);
}

/**
 * Sandbox mode: the demo portal counts as installed from the first request on (webhook intake
 * accepts its events before the OAuth install below has run). A placeholder row without tokens;
 * installSandboxPortal completes it. Never overwrites an existing row (an uninstall stays).
 */
export async function ensureSandboxPortalRow(db: Database['db'], portalId: number): Promise<void> {
  await db
    .insertInto('portals')
    .values({ portal_id: portalId, status: 'installed', hub_domain: 'sandbox.hubspot.local', scopes: '' })
    .onConflict((oc) => oc.column('portal_id').doNothing())
    .execute();
}
