import type { PortalId } from '../../kernel/db/portal-id.ts';
import { AppError, isAppError } from '../../kernel/errors/app-error.ts';
import type { InstallRuntime } from './install-runtime.ts';
import { findInstall } from './install-repository.ts';
import type { UninstallResult } from './portal-uninstall.ts';
import { TENANCY_ERROR } from './tenancy-error-codes.ts';

export interface AppUninstallResult extends UninstallResult {
  /** Whether HubSpot's uninstall API was called (false when HubSpot had already revoked the install). */
  hubspotCalled: boolean;
}

/**
 * `cpq portal uninstall`: HubSpot's uninstall API first (`DELETE /appinstalls/v3/external-install`
 * with the portal's token, HubSpot docs "Working with OAuth"), then the local uninstall. If HubSpot already refused the
 * refresh token the customer had uninstalled: the provider has recorded that, and this reports it.
 */
export async function uninstallFromApp(runtime: InstallRuntime, portalId: PortalId): Promise<AppUninstallResult> {
  const install = await findInstall(runtime.installDb, portalId);
  if (!install)
    throw new AppError('not-found', TENANCY_ERROR.PORTAL_NOT_FOUND, `Portal ${portalId} never installed the app`);
  if (install.status === 'uninstalled')
    throw new AppError(
      'conflict',
      TENANCY_ERROR.PORTAL_ALREADY_UNINSTALLED,
      `Portal ${portalId} is already uninstalled`,
    );
  let hubspotCalled = false;
  try {
    const token = await runtime.tokens.getAccessToken(portalId);
    await runtime.oauth.uninstall(token);
    hubspotCalled = true;
  } catch (error) {
    // PORTAL_NOT_INSTALLED here means the refresh was refused and the portal is now uninstalled.
    if (!isAppError(error) || error.code !== TENANCY_ERROR.PORTAL_NOT_INSTALLED) throw error;
  }
  const result = await runtime.uninstall(portalId, 'app');
  return { ...result, hubspotCalled };
}
