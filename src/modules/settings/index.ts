// The settings module's public surface (other modules import only this file).
export { settingsModule } from './settings-module.ts';
export { portalSettingsRepository, type StoredPortalSettings } from './portal-settings-repository.ts';
