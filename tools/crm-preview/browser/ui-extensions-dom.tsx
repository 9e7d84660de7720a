/// <reference lib="dom" />
/**
 * A DOM stand-in for `@hubspot/ui-extensions`, used only by the local CRM preview (esbuild aliases the
 * package to this file). Components follow the props documented in HubSpot's "UI components" reference
 * pages; styling approximates HubSpot's Canvas look (HubSpot docs "UI extensions reference").
 * A component the preview lacks is simply not exported: esbuild then fails the card's bundle with
 * "No matching export ... for import X", which the deal page shows in a red box in the card's slot;
 * test/preview/preview-components.test.ts scans the card sources for such names.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

export * from './dom-layout-components.tsx';
export * from './dom-input-components.tsx';
export * from './dom-table-components.tsx';
export * from './dom-chart-components.tsx';

export interface PreviewContext {
  objectId: string;
  objectTypeId: string;
  portalId: number;
  userId: number;
  userEmail: string;
}

declare global {
  interface Window {
    __CPQ_PREVIEW__: PreviewContext;
  }
}

/** The components the three files above export: the fidelity test compares card imports against this list. */
export const PREVIEW_COMPONENTS = [
  'Flex',
  'Box',
  'Text',
  'Heading',
  'Button',
  'ButtonRow',
  'Input',
  'Select',
  'Alert',
  'EmptyState',
  'ErrorState',
  'LoadingSpinner',
  'Tag',
  'StatusTag',
  'DescriptionList',
  'DescriptionListItem',
  'Statistics',
  'StatisticsItem',
  'Table',
  'TableHead',
  'TableBody',
  'TableRow',
  'TableHeader',
  'TableCell',
  'Divider',
  'Tile',
  'NumberInput',
  'BarChart',
  'LineChart',
] as const;

// ---- runtime: context, actions, fetch, extend ----

const Context = createContext<PreviewContext | null>(null);

export function useExtensionContext() {
  const value = useContext(Context) ?? window.__CPQ_PREVIEW__;
  return {
    crm: { objectId: Number(value.objectId), objectTypeId: value.objectTypeId },
    portal: { id: value.portalId, timezone: 'UTC' },
    user: { id: value.userId, email: value.userEmail, locale: 'en-US' },
    location: 'crm.record.tab',
  };
}

function showToast(alert: { title?: string; message: string; type?: string }): void {
  const toast = document.createElement('div');
  toast.setAttribute('role', 'status');
  toast.dataset.testid = 'preview-toast';
  toast.className = `toast toast-${alert.type ?? 'info'}`;
  toast.textContent = `${alert.title ? `${alert.title}: ` : ''}${alert.message}`;
  document.getElementById('toasts')?.appendChild(toast);
  setTimeout(() => toast.remove(), 6000);
}

export function useExtensionActions() {
  return {
    addAlert: showToast,
    refreshObjectProperties: () => window.dispatchEvent(new Event('preview:refresh')),
    openIframeModal: () => showToast({ type: 'warning', message: 'openIframeModal is not available in the preview' }),
  };
}

/** The backend origin cards call; the preview server signs and forwards everything under it. */
const PROXY_PATH = '/preview/proxy';

export const hubspot = {
  async fetch(url: string, options: { method?: string; body?: unknown; timeout?: number } = {}): Promise<Response> {
    const target = new URL(url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), options.timeout ?? 15_000);
    try {
      return await fetch(`${PROXY_PATH}${target.pathname}${target.search}`, {
        method: options.method ?? 'GET',
        headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  },
  extend(render: () => ReactNode): void {
    const slot =
      document.currentScript?.parentElement ?? document.querySelector('[data-card-slot]:not([data-mounted])');
    if (!(slot instanceof HTMLElement)) throw new Error('No card slot for hubspot.extend');
    slot.dataset.mounted = 'true';
    const target = slot.querySelector('.card-body') ?? slot;
    createRoot(target).render(<Context.Provider value={window.__CPQ_PREVIEW__}>{render()}</Context.Provider>);
  },
};
