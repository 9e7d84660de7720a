import { hubspot } from '@hubspot/ui-extensions';
import { PageRoutes, createPageRouter } from '@hubspot/ui-extensions/pages';
import { APP_PAGES } from './page-registry.ts';

/**
 * The app's pages (HubSpot "App pages", platform 2026.03): one router over the registry; the page
 * at `/` is the index route.
 */
export const AppPageRouter = createPageRouter(
  <PageRoutes>
    {APP_PAGES.map((page) =>
      page.path === '/' ? (
        <PageRoutes.IndexRoute key={page.id} id={page.id} component={page.component} />
      ) : (
        <PageRoutes.Route key={page.id} id={page.id} path={page.path} component={page.component} />
      ),
    )}
  </PageRoutes>,
);

hubspot.extend<'pages'>(() => <AppPageRouter />);
