import type { AppModule } from '../../kernel/app-module.ts';
import { configurationRouter } from './configuration-route.ts';

/** Bundles, option constraints, product rules and guided selling (docs/configuration.md). */
export const configurationModule: AppModule = {
  name: 'configuration',
  apiRouters: () => [configurationRouter()],
};
