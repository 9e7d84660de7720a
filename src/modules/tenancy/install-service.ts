import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';
import { AppError } from '../../kernel/errors/app-error.ts';
import type { JobQueue } from '../../kernel/jobs/job-queue.ts';
import type { DomainEvents } from '../../kernel/jobs/domain-events.ts';
import { recordAudit } from './audit-log-repository.ts';
import { grantRole } from './role-repository.ts';
import type { TokenCipher } from './token-cipher.ts';
import { featuresFor, missingRequiredScopes, OPTIONAL_SCOPES, REQUIRED_SCOPES } from './app-scopes.ts';
import type { HubSpotOAuthClient } from './hubspot-oauth-client.ts';
import { findInstall, saveTokens, upsertInstall } from './install-repository.ts';
import { enqueueProvisioning } from '../../integrations/hubspot/index.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

export interface InstallContext {
  db: Kysely<DatabaseSchema>;
  cipher: TokenCipher;
  oauth: HubSpotOAuthClient;
  jobs: JobQueue;
  /** Domain events (`portal.installed`, e.g. the catalog's first import from HubSpot). */
  events?: Pick<DomainEvents, 'publish'>;
  now: () => number;
}

export interface InstallOutcome {
  portalId: PortalId;
  reinstall: boolean;
  features: string[];
  hubDomain: string | null;
}

/** HubSpot's consent screen URL with required and optional scopes (HubSpot docs "Working with OAuth"). */
export function authorizeUrl(options: {
  authorizeBaseUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
}): string {
  const url = new URL(options.authorizeBaseUrl);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', REQUIRED_SCOPES.join(' '));
  url.searchParams.set('optional_scope', OPTIONAL_SCOPES.join(' '));
  url.searchParams.set('state', options.state);
  return url.toString();
}

/**
 * Code -> tokens -> token info -> one transaction: install row (re-install updates it and cancels a
 * pending data deletion), encrypted tokens, the installing user as app admin, an audit record and
 * the provisioning job (outbox: the job exists iff the install committed).
 */
export async function completeInstall(context: InstallContext, code: string): Promise<InstallOutcome> {
  const grant = await context.oauth.exchangeCode(code);
  const info = await context.oauth.tokenInfo(grant.accessToken);
  const missing = missingRequiredScopes(info.scopes);
  if (missing.length > 0) {
    throw new AppError(
      'forbidden',
      TENANCY_ERROR.INSTALL_SCOPES_MISSING,
      `HubSpot did not grant required scopes: ${missing.join(', ')}`,
    );
  }
  const portalId = toPortalId(info.hubId);
  const features = featuresFor(info.scopes);
  const nowMs = context.now();
  const now = new Date(nowMs);
  const previous = await findInstall(context.db, portalId);
  await context.db.transaction().execute(async (trx) => {
    await upsertInstall(trx, portalId, {
      hubDomain: info.hubDomain ?? null,
      scopes: info.scopes,
      features,
      installedByUserId: info.userId ?? null,
      now,
    });
    await saveTokens(
      trx,
      context.cipher,
      portalId,
      {
        refreshToken: grant.refreshToken,
        accessToken: grant.accessToken,
        accessTokenExpiresAt: nowMs + grant.expiresInSeconds * 1000,
      },
      now,
    );
    // HubSpot lets only users with app-install permission install; they become the first app admin.
    if (info.userId !== undefined) await grantRole(trx, portalId, info.userId, 'admin', null);
    await recordAudit(trx, portalId, {
      actorKind: info.userId === undefined ? 'hubspot' : 'user',
      actorUserId: info.userId ?? null,
      action: previous ? 'portal.reinstalled' : 'portal.installed',
      entityType: 'portal',
      entityId: String(portalId),
      details: {
        scopes: info.scopes,
        features,
        previousFeatures: previous?.features ?? [],
        previousStatus: previous?.status ?? null,
      },
    });
    // The sync module's provisioning job (property group, properties), in this transaction (outbox).
    await enqueueProvisioning(context.jobs, portalId, trx);
    await context.events?.publish('portal.installed', { portalId, reinstall: previous !== undefined }, { trx });
  });
  return { portalId, reinstall: previous !== undefined, features, hubDomain: info.hubDomain ?? null };
}
