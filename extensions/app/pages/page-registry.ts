import type { ComponentType } from 'react';
import { OverviewPage } from './OverviewPage.tsx';

/** One app page: its path under the app (`/` for the index) and its component. */
export interface AppPage {
  id: string;
  path: string;
  title: string;
  component: ComponentType;
}

/**
 * The app's pages, one line each. Modules add theirs here (Approvals, Invoices, Revenue,
 * Attribution): a file in this folder and one line.
 */
export const APP_PAGES: readonly AppPage[] = [
  { id: 'overview', path: '/', title: 'Overview', component: OverviewPage },
];
