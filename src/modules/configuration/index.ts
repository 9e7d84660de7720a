// The configuration module's public surface.
export { configure, guideCatalog, type ConfigureResponse, type GuidedSellingResult } from './domain/configure.ts';
export {
  configureBundle,
  type ConfigurationResult,
  type ConfiguredLine,
  type ConfigurationMessage,
} from './domain/configure-bundle.ts';
export {
  ConfigureRequestSchema,
  ConfigurationCatalogSchema,
  type ConfigureRequest,
  type ConfigurationCatalog,
} from './domain/configuration-schema.ts';
export { CONFIGURATION_ERROR_CODES, CONFIGURATION_MESSAGE_CODES } from './configuration-error-codes.ts';
export { configurationModule } from './configuration-module.ts';
