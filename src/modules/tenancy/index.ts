// The tenancy module's public surface: installs, tokens, roles, the audit log, uninstall.
// Other modules, the CLI and the composition root import only this file.
export { installModule } from './install-module.ts';
export {
  createInstallRuntime,
  ensureSandboxPortalRow,
  installSandboxPortal,
  type InstallRuntime,
} from './install-runtime.ts';
export { portalInstallGuard } from './portal-install-guard.ts';
export { requireRole, signedCaller, type Caller } from './require-role.ts';
export { recordAudit, listAudit, findAudit, type AuditEntry, type AuditRecord } from './audit-log-repository.ts';
export { createInstallLifecycleAdapter, isAppUninstallEvent } from './customer-uninstall-events.ts';
export { uninstallFromApp } from './app-initiated-uninstall.ts';
export { purgeExpiredPortals } from './data-retention.ts';
export { findInstall } from './install-repository.ts';
export { reencryptAllTokens } from './key-rotation.ts';
export { loadTokenCipher, rotateLocalKeyFile } from './token-keyring.ts';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../kernel/db/db-schema.ts';
import { toPortalId, type PortalId } from '../../kernel/db/portal-id.ts';

/** Every installed portal, ascending (daily per-portal jobs such as contract renewals). */
export async function listInstalledPortalIds(db: Kysely<DatabaseSchema>): Promise<PortalId[]> {
  const rows = await db
    .selectFrom('portals')
    .select('portal_id')
    .where('status', '=', 'installed')
    .orderBy('portal_id')
    .execute();
  return rows.map((row) => toPortalId(Number(row.portal_id)));
}
