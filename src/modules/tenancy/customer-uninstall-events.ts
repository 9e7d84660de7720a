import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import type { PortalId } from '../../kernel/db/portal-id.ts';
import { uninstallPortalIn } from './portal-uninstall.ts';

/**
 * Customer uninstall delivered as a webhook event (HubSpot docs "Working with OAuth": customer uninstalls show up "through
 * the webhooks journal (`APP_UNINSTALL`)"). The exact event HubSpot sends is UNVERIFIED: the
 * reference names `APP_UNINSTALL`; HubSpot's journal docs list an `APP_LIFECYCLE_EVENT`
 * subscription type without documenting its payload (docs/security.md). Accepted kinds, compared
 * case-insensitively on `subscriptionType` (or `eventType`): `APP_UNINSTALL`, `app.uninstall`,
 * `app.uninstalled`. The event must be signed (the /webhooks v3 check) and, when it names an app,
 * name this app.
 */
const UNINSTALL_KINDS = new Set(['app_uninstall', 'app.uninstall', 'app.uninstalled']);

export function isAppUninstallEvent(subscriptionType: string): boolean {
  return UNINSTALL_KINDS.has(subscriptionType.toLowerCase());
}

export interface CustomerUninstallOptions {
  jobSchema: string;
  retentionDays: number;
  now: () => number;
}

export interface InstallLifecycleAdapter {
  /** The customer-initiated uninstall (tokens deleted, jobs stopped, retention, audit), in `trx`. */
  customerUninstalled(portalId: PortalId): Promise<'uninstalled' | 'already-uninstalled'>;
}

export function createInstallLifecycleAdapter(
  trx: Kysely<DatabaseSchema>,
  options: CustomerUninstallOptions,
): InstallLifecycleAdapter {
  return {
    async customerUninstalled(portalId) {
      const result = await uninstallPortalIn(trx, options.jobSchema, portalId, {
        reason: 'customer',
        actorKind: 'hubspot',
        now: new Date(options.now()),
        retentionDays: options.retentionDays,
        detectedBy: 'webhook',
      });
      return result.changed ? 'uninstalled' : 'already-uninstalled';
    },
  };
}
